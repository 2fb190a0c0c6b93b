package dev.trustline.ceremony.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.ceremony.ExampleCeremony;
import dev.trustline.ceremony.Tools;
import dev.trustline.ceremony.cli.CeremonyCli;
import dev.trustline.ceremony.verify.AuditResult;
import dev.trustline.ceremony.verify.TranscriptAuditor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example ceremony rehearsed once through the CLI on throwaway SoftHSM2 tokens; its outputs are
 * checked with openssl and by the auditor's verify, then tampered with in copies.
 */
class RehearsalTest {
    @TempDir
    static Path work;
    static Path out;
    static String stdout;

    @BeforeAll
    static void rehearse() throws Exception {
        Path ceremony = ExampleCeremony.copy(work.resolve("ceremony"));
        out = work.resolve("out");
        StringWriter so = new StringWriter();
        StringWriter se = new StringWriter();
        int rc = CeremonyCli.execute(new String[] {"rehearse", ceremony.toString(), "--out", out.toString(), "--yes",
                "--operator", "test"}, new PrintWriter(so, true), new PrintWriter(se, true));
        stdout = so.toString();
        assertEquals(0, rc, se.toString());
    }

    @Test
    void rehearse_example_printsFileHashAndChainHead() {
        assertTrue(stdout.contains("ceremony file sha256: "), stdout);
        assertTrue(stdout.contains("chain head: "), stdout);
        assertTrue(stdout.contains("     words: "), stdout);
    }

    @Test
    void rehearse_example_outputsPassOpensslVerify() throws Exception {
        Tools.Result r = Tools.run(out, "openssl", "verify", "-CAfile", "root.pem", "shenzhen.pem", "austin.pem");
        assertEquals(0, r.exit(), r.output());
        assertTrue(Tools.run(out, "openssl", "crl", "-in", "root.crl", "-CAfile", "root.pem", "-noout").output().contains("verify OK"));
    }

    @Test
    void rehearse_productionExample_everyCertificateCarriesTheProductionOidInOpenssl() throws Exception {
        for (String file : java.util.List.of("root.pem", "shenzhen.pem", "austin.pem")) {
            String text = Tools.run(out, "openssl", "x509", "-in", file, "-noout", "-text").output();
            assertTrue(text.contains("X509v3 Certificate Policies:") && text.contains("Policy: "
                    + dev.trustline.core.Environment.PRODUCTION.oid().getId()), file + ": " + text);
            assertFalse(text.contains(dev.trustline.core.Environment.TEST.oid().getId()), file);
        }
    }

    /** A forger (no quorum here) relabels the run as test and re-hashes: the certificates still say production. */
    @Test
    void verify_startEnvironmentRewritten_failsOnTheCertificatesMarker() throws Exception {
        Path forged = out.resolve("../forged-environment.jsonl").normalize();
        try (dev.trustline.core.chain.ChainWriter w = dev.trustline.core.chain.ChainWriter.create(forged)) {
            for (var e : dev.trustline.core.chain.ChainVerifier.verify(out.resolve("transcript.jsonl")).entries()) {
                var p = e.payload();
                if (e.type().equals("start")) {
                    p.put("environment", "test");
                }
                if (e.type().equals("end")) {
                    p.put("head-before-end", w.head());
                }
                w.append(e.type(), p);
            }
        }
        var r = new dev.trustline.ceremony.verify.TranscriptAuditor(forged, out).audit();
        assertFalse(r.ok());
        assertTrue(r.message().contains("output root.pem is not marked with the ceremony's environment 'test' (certificatePolicies OID)"), r.message());
    }

    @Test
    void transcript_serials_areEvenLengthHexAsOpensslPrintsThem() throws Exception {
        for (var e : dev.trustline.core.chain.ChainVerifier.verify(out.resolve("transcript.jsonl")).entries()) {
            if ("certificate".equals(e.payload().path("format").asText())) {
                String serial = e.payload().path("serial").asText();
                String openssl = Tools.run(out, "openssl", "x509", "-in", e.payload().path("file").asText(), "-noout", "-serial")
                        .output().strip().replace("serial=", "").toLowerCase(java.util.Locale.ROOT);
                assertEquals(openssl, serial, e.payload().path("file").asText());
                assertEquals(0, serial.length() % 2, serial);
            }
        }
    }

    @Test
    void rehearse_example_intermediateShowsScopedExtensionsInOpenssl() throws Exception {
        String text = Tools.run(out, "openssl", "x509", "-in", "shenzhen.pem", "-noout", "-text").output();
        for (String expected : List.of("CA:TRUE, pathlen:0", "Certificate Sign, CRL Sign", "TLS Web Client Authentication",
                "X509v3 Name Constraints: critical", "DirName:O = Example Gateways Ltd, OU = Shenzhen Factory",
                "URI:http://pki.example-gateways.test/root-2026.crl", "X509v3 Authority Key Identifier")) {
            assertTrue(text.contains(expected), "missing '" + expected + "' in:\n" + text);
        }
        String root = Tools.run(out, "openssl", "x509", "-in", "root.pem", "-noout", "-text").output();
        assertTrue(root.contains("CA:TRUE, pathlen:1") && root.contains("ecdsa-with-SHA384") && root.contains("NIST CURVE: P-384"), root);
    }

    @Test
    void rehearse_example_transcriptSaysRehearsalAndVerifies() throws Exception {
        String transcript = Files.readString(out.resolve("transcript.jsonl"));
        assertTrue(transcript.contains("\"mode\":\"rehearsal\""));
        assertTrue(transcript.contains("\"throwaway\":true"));
        AuditResult r = new TranscriptAuditor(out.resolve("transcript.jsonl"), out).audit();
        assertTrue(r.ok(), r.message());
    }

    @Test
    void rehearse_throwawayTokens_areDeletedAfterwards() throws Exception {
        String slots = Tools.run(work, "softhsm2-util", "--show-slots").output();
        String transcript = Files.readString(out.resolve("transcript.jsonl"));
        for (String line : transcript.split("\n")) {
            if (line.contains("\"type\":\"token\"")) {
                String label = line.replaceAll(".*\"label\":\"([^\"]+)\".*", "$1");
                assertFalse(slots.contains(label), "rehearsal token " + label + " still exists");
            }
        }
    }

    @Test
    void verify_cli_noRoster_printsOkAndExitsZero() {
        StringWriter so = new StringWriter();
        int rc = CeremonyCli.execute(new String[] {"verify", out.resolve("transcript.jsonl").toString(), "--no-roster"},
                new PrintWriter(so, true), new PrintWriter(new StringWriter(), true));
        assertEquals(0, rc);
        assertTrue(so.toString().startsWith("OK (rehearsal, production): "), so.toString());
        assertTrue(so.toString().contains("chain head: "), so.toString());
    }

    @Test
    void verify_cli_withoutRosterOrNoRoster_isRefused() {
        StringWriter se = new StringWriter();
        int rc = CeremonyCli.execute(new String[] {"verify", out.resolve("transcript.jsonl").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(se, true));
        assertEquals(2, rc);
        assertEquals("error: give --roster officers.json for each token under quorum (the rosters you hold), or --no-roster"
                + " to take the officers' keys from the transcript itself", se.toString().strip());
    }

    @Test
    void verify_cli_failed_printsNoChainHead() throws Exception {
        Path copy = Files.createTempDirectory(out.getParent(), "failed");
        byte[] t = Files.readAllBytes(out.resolve("transcript.jsonl"));
        Files.write(copy.resolve("transcript.jsonl"), java.util.Arrays.copyOf(t, t.length - 40));
        StringWriter so = new StringWriter();
        StringWriter se = new StringWriter();
        int rc = CeremonyCli.execute(new String[] {"verify", copy.resolve("transcript.jsonl").toString(), "--no-roster"},
                new PrintWriter(so, true), new PrintWriter(se, true));
        assertEquals(1, rc);
        assertTrue(se.toString().startsWith("FAILED: "), se.toString());
        assertFalse((so.toString() + se.toString()).contains("chain head"), so + "" + se);
    }

    @Test
    void verify_oneByteChangedAnywhereInTranscript_isCaught() throws Exception {
        byte[] original = Files.readAllBytes(out.resolve("transcript.jsonl"));
        Random random = new Random(42);
        for (int i = 0; i < 150; i++) {
            int pos = random.nextInt(original.length);
            assertTampered("transcript.jsonl", original, pos, i);
        }
    }

    @Test
    void verify_oneByteChangedInAnyOutput_isCaught() throws Exception {
        Random random = new Random(7);
        for (String name : List.of("root.pem", "shenzhen.pem", "austin.pem", "root.crl", "root-key.pub.pem")) {
            byte[] original = Files.readAllBytes(out.resolve(name));
            for (int i = 0; i < 20; i++) {
                assertTampered(name, original, random.nextInt(original.length), i);
            }
        }
    }

    @Test
    void verify_missingOutput_namesIt() throws Exception {
        Path copy = copyOutputs("missing");
        Files.delete(copy.resolve("austin.pem"));
        AuditResult r = new TranscriptAuditor(copy.resolve("transcript.jsonl"), copy).audit();
        assertFalse(r.ok());
        assertTrue(r.message().contains("output austin.pem is missing"), r.message());
    }

    @Test
    void verify_truncatedTranscript_saysItHasNoEnd() throws Exception {
        Path copy = copyOutputs("truncated");
        List<String> lines = Files.readAllLines(copy.resolve("transcript.jsonl"));
        Files.write(copy.resolve("transcript.jsonl"), lines.subList(0, lines.size() - 1));
        AuditResult r = new TranscriptAuditor(copy.resolve("transcript.jsonl"), copy).audit();
        assertFalse(r.ok());
        assertTrue(r.message().contains("ends without an 'end' or 'abort' entry"), r.message());
    }

    private void assertTampered(String name, byte[] original, int pos, int i) throws Exception {
        Path copy = copyOutputs("t-" + name + "-" + i);
        byte[] changed = original.clone();
        changed[pos] = (byte) (changed[pos] ^ (1 << (i % 7)));
        Files.write(copy.resolve(name), changed);
        AuditResult r = new TranscriptAuditor(copy.resolve("transcript.jsonl"), copy).audit();
        assertFalse(r.ok(), "a change at byte " + pos + " of " + name + " was not caught");
    }

    private static Path copyOutputs(String name) throws Exception {
        Path copy = work.resolve("copies").resolve(name);
        Files.createDirectories(copy);
        try (var files = Files.list(out)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }
}
