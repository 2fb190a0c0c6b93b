package dev.trustline.ceremony.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.ExampleCeremony;
import dev.trustline.ceremony.Tools;
import dev.trustline.ceremony.cli.CeremonyCli;
import dev.trustline.core.chain.ChainWriter;
import dev.trustline.core.chain.PgpWords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The printed transcript of the example ceremony (rehearsed under a 2-of-3 quorum), read back the way a
 * person would: the PDF's text by poppler's pdftotext compared with the transcript, its pages rendered to
 * PNG by pdftoppm; and the refusals of the report command.
 */
class ReportTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> OFFICERS = List.of("alice", "bob", "carol");

    @TempDir
    static Path work;
    static Path out;
    static List<JsonNode> entries;
    static String pdfText;

    @BeforeAll
    static void rehearseAndPrint() throws Exception {
        Path ceremony = ExampleCeremony.copy(work.resolve("ceremony"));
        out = work.resolve("out");
        List<String> args = new ArrayList<>(List.of("rehearse", ceremony.toString(), "--out", out.toString(), "--yes", "--threshold", "2"));
        for (String o : OFFICERS) {
            Path f = work.resolve(o + ".pass");
            Files.writeString(f, "correct horse battery staple " + o + " 42!\n");
            args.addAll(List.of("--officer", o + "=Officer Ünal " + o, "--passphrase-file", o + "=" + f));
        }
        assertEquals(0, cli(args.toArray(String[]::new)).exit);
        assertEquals(0, cli("report", out.resolve("transcript.jsonl").toString(), "--out", work.resolve("report.pdf").toString()).exit);
        entries = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("transcript.jsonl"))) {
            entries.add(JSON.readTree(line));
        }
        Tools.Result text = Tools.run(work, "pdftotext", "-layout", "-enc", "UTF-8", "report.pdf", "-");
        assertEquals(0, text.exit(), text.output());
        pdfText = flat(text.output());
    }

    @Test
    void report_pdfText_carriesEveryStepHashApprovalAndTheChainHead() {
        for (JsonNode e : entries) {
            JsonNode p = e.get("payload");
            switch (e.get("type").asText()) {
                case "step-start" -> assertContains(p.get("step").asText() + " (" + p.get("type").asText() + ")");
                case "lints" -> {
                    assertContains(p.get("tbs-sha256").asText());
                    assertContains(PgpWords.ofHex(p.get("tbs-sha256").asText()));
                    p.get("passed").forEach(l -> assertContains(l.asText()));
                }
                case "approvals" -> p.get("approvals").forEach(a -> assertContains("Officer Ünal " + a.get("officer").asText()));
                case "output" -> {
                    assertContains(p.get("sha256").asText());
                    if (p.has("subject")) {
                        assertContains(p.get("subject").asText());
                    }
                }
                default -> {
                }
            }
        }
        String head = entries.get(entries.size() - 1).get("hash").asText();
        assertContains(head);
        assertContains(PgpWords.ofHex(head));
        JsonNode start = entries.get(0).get("payload");
        assertContains(PgpWords.ofHex(start.get("ceremony-sha256").asText()));
        assertContains("COMPLETE: 5 steps");
        assertContains("OK (rehearsal, production): " + entries.size() + " entries, chain intact");
        assertContains("2031-11-01T00:00:00Z");
        assertContains("permitted DirName:O=Example Gateways Ltd,OU=Austin Factory; excluded DNS:example-gateways.test");
        assertContains("Gateway Manufacturing CA — Shenzhen 2026");
        assertContains("location Example Gateways key room, Cambridge (GB)");
    }

    @Test
    void report_signOff_hasABlockForEachOfficerTheAdministratorAndEachWitness() {
        String signOff = pdfText.substring(pdfText.lastIndexOf("Sign-off"));
        for (String who : List.of("Officer Ünal alice", "Officer Ünal bob", "Officer Ünal carol", "Ada Okafor (PKI lead)",
                "Wen Li (internal audit)", "Tomás Ruiz (security)")) {
            assertTrue(signOff.contains(who), who + " has no sign-off block");
        }
        assertEquals(6, count(signOff, "signature date"), signOff);
    }

    @Test
    void report_pdf_isA4AndRendersToOnePngPerPage() throws Exception {
        Tools.Result info = Tools.run(work, "pdfinfo", "report.pdf");
        assertTrue(info.output().contains("A4"), info.output());
        Matcher m = Pattern.compile("Pages:\\s+(\\d+)").matcher(info.output());
        assertTrue(m.find());
        int pages = Integer.parseInt(m.group(1));
        assertTrue(pages >= 4, "cover, steps, closing and sign-off: " + pages);
        Files.createDirectories(work.resolve("png"));
        assertEquals(0, Tools.run(work, "pdftoppm", "-r", "40", "-png", "report.pdf", "png/page").exit());
        try (var files = Files.list(work.resolve("png"))) {
            assertEquals(pages, files.count());
        }
        assertContains("page 1 of " + pages);
        Tools.Result fonts = Tools.run(work, "pdffonts", "report.pdf");
        assertTrue(fonts.output().contains("LiberationSans") && !fonts.output().contains(" no "), "every font embedded: " + fonts.output());
    }

    @Test
    void report_html_isWellFormedAndSaysTheSame() throws Exception {
        Path html = work.resolve("report.html");
        assertEquals(0, cli("report", out.resolve("transcript.jsonl").toString(), "--out", html.toString()).exit);
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        String text = flat(f.newDocumentBuilder().parse(html.toFile()).getDocumentElement().getTextContent());
        String head = entries.get(entries.size() - 1).get("hash").asText();
        assertTrue(text.contains(PgpWords.ofHex(head)));
        assertTrue(text.contains("Officer Ünal carol"));
    }

    @Test
    void report_abortedCeremony_listsEveryException() throws Exception {
        Path t = work.resolve("aborted/transcript.jsonl");
        Files.createDirectories(t.getParent());
        try (ChainWriter w = ChainWriter.create(t)) {
            w.append("start", obj().put("ceremony", "aborted-one").put("mode", "run").put("tool", "trustline 0.1.0")
                    .put("ceremony-sha256", "ab".repeat(32)));
            w.append("unlock-failed", obj().put("token", "root-hsm").put("officer", "bob").put("card", "bob.card.json")
                    .put("reason", "wrong passphrase or damaged card"));
            w.append("step-start", obj().put("step", "root").put("type", "create-root").put("output", "root.pem"));
            w.append("lints", obj().put("step", "root").put("tbs-sha256", "cd".repeat(32)).put("result", "fail"));
            w.append("confirmation", obj().put("step", "root").put("tbs-sha256", "cd".repeat(32)).put("mode", "interactive").put("accepted", false));
            w.append("abort", obj().put("step", "root").put("kind", "declined").put("reason", "the operator did not type yes"));
        }
        Path pdf = work.resolve("aborted/report.pdf");
        assertEquals(0, cli("report", t.toString(), "--out", pdf.toString()).exit);
        String text = flat(Tools.run(work, "pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-").output());
        String exceptions = text.substring(text.indexOf("Exceptions"), text.indexOf("Closing"));
        for (String s : List.of("Officer card NOT opened", "wrong passphrase or damaged card", "FAIL", "DECLINED",
                "CEREMONY ABORTED", "the operator did not type yes")) {
            assertTrue(exceptions.contains(s), s + " missing from: " + exceptions);
        }
        assertTrue(text.contains("NOT COMPLETE: the last entry is 'abort'"));
        assertTrue(text.contains("FAILED:"), "the auditor's check failed and says so");
    }

    @Test
    void report_tamperedTranscript_isRefusedAndNothingIsWritten() throws Exception {
        Path dir = work.resolve("tampered");
        Files.createDirectories(dir);
        String t = Files.readString(out.resolve("transcript.jsonl")).replace("Ada Okafor", "Eve Okafor");
        Files.writeString(dir.resolve("transcript.jsonl"), t);
        Run r = cli("report", dir.resolve("transcript.jsonl").toString(), "--out", dir.resolve("r.pdf").toString());
        assertEquals(1, r.exit);
        assertEquals("error: the transcript does not verify, so it is not printed: entry 0: hash does not match its content", r.err.strip());
        assertFalse(Files.exists(dir.resolve("r.pdf")));
    }

    @Test
    void report_outNeitherPdfNorHtml_exits2() throws Exception {
        Run r = cli("report", out.resolve("transcript.jsonl").toString(), "--out", work.resolve("r.txt").toString());
        assertEquals(2, r.exit);
        assertTrue(r.err.startsWith("--out must name a .pdf or .html file"), r.err);
    }

    @Test
    void report_existingOutFile_isRefused() throws Exception {
        Run r = cli("report", out.resolve("transcript.jsonl").toString(), "--out", work.resolve("report.pdf").toString());
        assertEquals(1, r.exit);
        assertTrue(r.err.contains("report.pdf"), r.err);
    }

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = CeremonyCli.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        return new Run(rc, o.toString(), e.toString());
    }

    static ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }

    static String flat(String s) {
        // pdftotext -layout keeps the hyphen where a line broke after it ("crl-" / "signature")
        return s.replaceAll("\\s+", " ").replaceAll("([a-z])- ([a-z])", "$1-$2");
    }

    static int count(String s, String what) {
        return s.split(Pattern.quote(what), -1).length - 1;
    }

    static void assertContains(String s) {
        assertTrue(pdfText.contains(s), "the PDF does not show: " + s);
    }
}
