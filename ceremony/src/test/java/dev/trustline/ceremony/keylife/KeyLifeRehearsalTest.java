package dev.trustline.ceremony.keylife;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.ceremony.Tools;
import dev.trustline.ceremony.cli.CeremonyCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in rollover and revocation examples rehearse under a 2-of-3 quorum as they are: the 2026 root
 * is played by a stand-in on the throwaway token (recorded as such), every signature is approved, the
 * transcript verifies, and the printed report names the stand-in.
 */
class KeyLifeRehearsalTest {
    @TempDir
    Path work;

    @Test
    void rehearse_rolloverExample_linksBothWaysAndVerifies() throws Exception {
        Path out = rehearse("rollover.yaml");
        assertEquals(0, Tools.run(out, "openssl", "verify", "-CAfile", "root-2026.pem", "root-2036-by-2026.pem").exit());
        assertEquals(0, Tools.run(out, "openssl", "verify", "-CAfile", "root-2036.pem", "root-2026-by-2036.pem").exit());
        String t = Files.readString(out.resolve("transcript.jsonl"));
        assertTrue(t.contains("\"stand-in\":true"), "the rehearsal says the 2026 root was a stand-in");
        assertEquals(3, t.split("\"type\":\"approvals\"", -1).length - 1, "root-2036 and both links");
        Run report = cli("report", out.resolve("transcript.jsonl").toString(), "--out", work.resolve("rollover.pdf").toString());
        assertEquals(0, report.exit, report.err);
        String text = Tools.run(work, "pdftotext", "-layout", "rollover.pdf", "-").output().replaceAll("\\s+", " ");
        assertTrue(text.contains("Key from an earlier ceremony") && text.contains("stand-in true"), text);
        assertTrue(text.contains("Step 4: old-to-new (cross-sign)"), text);
    }

    @Test
    void rehearse_revokeExample_writesTheNextCrl() throws Exception {
        Path out = rehearse("revoke-intermediate.yaml");
        Tools.Result text = Tools.run(out, "openssl", "crl", "-in", "root-2026-crl-2.crl", "-noout", "-text");
        assertTrue(text.output().contains("Serial Number: " + serial()) && text.output().contains("Key Compromise"), text.output());
    }

    @Test
    void rehearse_retireRootExample_destroysTheStandInAndRecordsTheListing() throws Exception {
        Path out = rehearse("retire-root.yaml");
        String listing = Files.readString(out.resolve("root-hsm-objects-after.json"));
        assertTrue(listing.startsWith("{\"objects\":[") && !listing.contains("gateway-root-2026"), listing);
        String t = Files.readString(out.resolve("transcript.jsonl"));
        assertTrue(t.contains("\"type\":\"key-destroyed\"") && t.contains("\"stand-in\":true"), t);
    }

    private Path rehearse(String example) throws Exception {
        Path ceremony = KeyLifePlannerTest.copy(work.resolve("c"), example, null, null);
        Path out = work.resolve(example + "-out");
        List<String> args = new ArrayList<>(List.of("rehearse", ceremony.toString(), "--out", out.toString(), "--yes", "--threshold", "2"));
        for (String o : List.of("alice", "bob", "carol")) {
            Path f = work.resolve(o + ".pass");
            Files.writeString(f, "correct horse battery staple " + o + " 42!\n");
            args.addAll(List.of("--officer", o + "=Officer " + o, "--passphrase-file", o + "=" + f));
        }
        Run r = cli(args.toArray(String[]::new));
        assertEquals(0, r.exit, r.err);
        Run v = cli("verify", out.resolve("transcript.jsonl").toString(), "--no-roster");
        assertEquals(0, v.exit, v.err);
        return out;
    }

    private String serial() throws Exception {
        Tools.Result r = Tools.run(work, "openssl", "x509", "-in", dev.trustline.ceremony.ExampleCeremony.EXAMPLES.resolve("inputs/austin-2026.pem").toString(),
                "-noout", "-serial");
        return r.output().strip().replace("serial=", "");
    }

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = CeremonyCli.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        return new Run(rc, o.toString(), e.toString());
    }
}
