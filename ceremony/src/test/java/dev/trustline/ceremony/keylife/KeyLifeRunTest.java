package dev.trustline.ceremony.keylife;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.ceremony.ExampleCeremony;
import dev.trustline.ceremony.TestQuorum;
import dev.trustline.ceremony.Tools;
import dev.trustline.ceremony.cli.CeremonyCli;
import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The later days of a PKI for real on SoftHSM2 tokens under a 2-of-3 quorum: the example root ceremony,
 * then the example rollover (the 2026 root's key found on its token, a new root, link certificates both
 * ways) and the example revocation of the Austin intermediate, each a real `bin/ceremony run` whose
 * outputs openssl checks: both link paths build, the old hierarchy validates under the new root only
 * through its link, and the new CRL revokes Austin with its reason and invalidity date. The example
 * files are switched to test (cheap test cards need test rosters), nothing else changes.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class KeyLifeRunTest {
    static final List<String> OFFICERS = List.of("alice", "bob", "carol");
    static final List<String> TOKENS = List.of("root", "factory", "root-2036");

    @TempDir
    static Path work;
    static final List<String> labels = new ArrayList<>();
    static Path first;

    @BeforeAll
    static void rootCeremonyForReal() throws Exception {
        for (String o : OFFICERS) {
            Files.writeString(work.resolve(o + ".pass"), "correct horse battery staple " + o + " 42!\n");
        }
        for (String token : TOKENS) {
            String label = dev.trustline.core.hsm.ThrowawayToken.uniqueLabel("life-" + token);
            labels.add(label);
            List<String> args = new ArrayList<>(List.of("officers", "init", "--token-label", label, "--environment", "test",
                    "--kdf", "test", "--threshold", "2", "--cards-dir", work.resolve(token + "-cards").toString(),
                    "--roster", work.resolve(token + "-officers.json").toString()));
            for (String o : OFFICERS) {
                args.addAll(List.of("--officer", o + "=Officer " + o));
            }
            args.addAll(passphrases());
            assertEquals("", cli(args));
        }
        Path ceremony = ExampleCeremony.write(work.resolve("first"), test(ExampleCeremony.text()));
        first = work.resolve("first-out");
        Tools.Result r = run(ceremony, first, "root", "factory");
        assertEquals(0, r.exit(), r.output());
    }

    @AfterAll
    static void deleteTokens() throws Exception {
        for (String label : labels) {
            Tools.run(work, "softhsm2-util", "--delete-token", "--token", label);
        }
    }

    @Test
    void rollover_realRun_bothLinkPathsBuildAndTheOldHierarchyValidatesUnderTheNewRoot() throws Exception {
        Path out = work.resolve("rollover-out");
        Tools.Result r = run(example("rollover.yaml", "rollover"), out, "root", "root-2036");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("ceremony complete: 5 steps"), r.output());
        Files.copy(first.resolve("shenzhen.pem"), out.resolve("shenzhen.pem"));
        assertOk(out, "openssl", "verify", "-x509_strict", "-CAfile", "root-2026.pem", "root-2036-by-2026.pem");
        assertOk(out, "openssl", "verify", "-x509_strict", "-CAfile", "root-2036.pem", "root-2026-by-2036.pem");
        assertOk(out, "openssl", "verify", "-x509_strict", "-CAfile", "root-2036.pem", "-untrusted", "root-2026-by-2036.pem", "shenzhen.pem");
        assertNotEquals(0, Tools.run(out, "openssl", "verify", "-CAfile", "root-2036.pem", "shenzhen.pem").exit(), "only through the link");
        assertEquals(Files.readString(first.resolve("root.pem")), Files.readString(out.resolve("root-2026.pem")), "the real 2026 root, not a stand-in");
        String transcript = Files.readString(out.resolve("transcript.jsonl"));
        assertTrue(transcript.contains("\"matches-certificate\":true") && transcript.contains("\"stand-in\":false"));
        assertEquals("", cli(List.of("verify", out.resolve("transcript.jsonl").toString(), "--roster", work.resolve("root-officers.json").toString(),
                "--roster", work.resolve("root-2036-officers.json").toString())));
    }

    @Test
    void revoke_realRun_newCrlCarriesAustinWithReasonAndInvalidityDate() throws Exception {
        Path out = work.resolve("revoke-out");
        Tools.Result r = run(example("revoke-intermediate.yaml", "revoke"), out, "root");
        assertEquals(0, r.exit(), r.output());
        Files.copy(first.resolve("austin.pem"), out.resolve("austin.pem"));
        Files.copy(first.resolve("shenzhen.pem"), out.resolve("shenzhen.pem"));
        Tools.Result revoked = Tools.run(out, "openssl", "verify", "-crl_check", "-CAfile", "root-2026.pem", "-CRLfile", "root-2026-crl-2.crl", "austin.pem");
        assertTrue(revoked.exit() != 0 && revoked.output().contains("certificate revoked"), revoked.output());
        assertOk(out, "openssl", "verify", "-crl_check", "-CAfile", "root-2026.pem", "-CRLfile", "root-2026-crl-2.crl", "shenzhen.pem");
        Tools.Result text = Tools.run(out, "openssl", "crl", "-in", "root-2026-crl-2.crl", "-CAfile", "root-2026.pem", "-noout", "-text");
        assertEquals(0, text.exit(), text.output());
        assertTrue(text.output().contains("Key Compromise") && text.output().contains("Invalidity Date") && text.output().contains("Dec  1 00:00:00 2026 GMT"),
                text.output());
        assertTrue(text.output().toLowerCase().contains("crl number") && text.output().contains("2"), text.output());
        assertEquals("", cli(List.of("verify", out.resolve("transcript.jsonl").toString(), "--roster", work.resolve("root-officers.json").toString())));
    }

    @Test
    void existingCa_keyOnTheTokenIsNotTheCertificates_isRefusedBeforeAnySignature() throws Exception {
        Path ceremony = example("revoke-intermediate.yaml", "wrong-key");
        Files.writeString(ceremony, Files.readString(ceremony).replace("key-label: gateway-root-2026", "key-label: gateway-mfg-shenzhen-2026")
                .replace("    token: root-hsm\n", "    token: factory-hsm\n").replace("tokens: [root-hsm]", "tokens: [factory-hsm]"));
        Path out = work.resolve("wrong-key-out");
        Tools.Result r = run(ceremony, out, "factory");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("key 'gateway-mfg-shenzhen-2026' on token 'factory-hsm' is not the key of C=GB,O=Example Gateways Ltd,CN=Example Gateways TEST Root CA 2026"),
                r.output());
        assertTrue(!Files.readString(out.resolve("transcript.jsonl")).contains("\"type\":\"signed\""));
    }

    /** Last: it destroys the Shenzhen key the test above looks for on the factory token. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void destroyKey_realRun_nothingOfTheKeyRemains_andAForgedListingFailsVerify() throws Exception {
        Path ceremony = example("retire-root.yaml", "destroy");
        Files.copy(first.resolve("shenzhen.pem"), ceremony.resolveSibling("inputs/shenzhen.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(ceremony, Files.readString(ceremony).replace("key-label: gateway-root-2026", "key-label: gateway-mfg-shenzhen-2026")
                .replace("certificate: inputs/root-2026.pem", "certificate: inputs/shenzhen.pem")
                .replace("    token: root-hsm\n", "    token: factory-hsm\n").replace("tokens: [root-hsm]", "tokens: [factory-hsm]"));
        Path out = work.resolve("destroy-out");
        Tools.Result r = run(ceremony, out, "factory");
        assertEquals(0, r.exit(), r.output());
        assertEquals("", cli(List.of("verify", out.resolve("transcript.jsonl").toString(), "--roster", work.resolve("factory-officers.json").toString())));
        String transcript = Files.readString(out.resolve("transcript.jsonl"));
        assertTrue(transcript.contains("\"type\":\"key-destroyed\"") && transcript.contains("\"kind\":\"private-key\""), transcript);

        Tools.Result listing = Tools.run(work, java.util.Map.of("PIN", pin("factory")), "pkcs11-tool", "--module", TestQuorum.MODULE.toString(),
                "--token-label", labels.get(TOKENS.indexOf("factory")), "--login", "--pin", "env:PIN", "--list-objects");
        assertEquals(0, listing.exit(), listing.output());
        assertTrue(!listing.output().contains("gateway-mfg-shenzhen-2026"), listing.output());

        Path forged = work.resolve("destroy-forged.jsonl");
        try (dev.trustline.core.chain.ChainWriter w = dev.trustline.core.chain.ChainWriter.create(forged)) {
            for (var e : dev.trustline.core.chain.ChainVerifier.verify(out.resolve("transcript.jsonl")).entries()) {
                var p = e.payload();
                if (e.type().equals("key-destroyed")) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) p.get("objects-after")).addObject().put("kind", "private-key")
                            .put("label", "").put("id", java.util.HexFormat.of().formatHex("gateway-mfg-shenzhen-2026".getBytes()));
                }
                if (e.type().equals("end")) {
                    p.put("head-before-end", w.head());
                }
                w.append(e.type(), p);
            }
        }
        var audit = new dev.trustline.ceremony.verify.TranscriptAuditor(forged, out, List.of(work.resolve("factory-officers.json"))).audit();
        assertTrue(!audit.ok() && audit.message().contains("the token still lists a private-key with label or ID 'gateway-mfg-shenzhen-2026'"),
                audit.message());
    }

    /** Test only: the token PIN rebuilt from two officers' cards, for pkcs11-tool to inspect the token. */
    static String pin(String token) throws Exception {
        var roster = dev.trustline.core.quorum.Roster.read(work.resolve(token + "-officers.json"));
        List<dev.trustline.core.quorum.OfficerCard> cards = new ArrayList<>();
        java.util.Map<String, Path> files = new java.util.LinkedHashMap<>();
        for (String o : List.of("alice", "bob")) {
            cards.add(dev.trustline.core.quorum.OfficerCard.read(work.resolve(token + "-cards/" + o + ".card.json")));
            files.put(o, work.resolve(o + ".pass"));
        }
        Path t = work.resolve("inspection-" + System.nanoTime() + ".jsonl");
        try (var transcript = dev.trustline.ceremony.transcript.Transcript.create(t, java.time.Clock.systemUTC());
             var q = dev.trustline.ceremony.quorum.OfficerQuorum.activate("inspect", roster, cards,
                     new dev.trustline.ceremony.quorum.PassphraseFiles(files), transcript)) {
            return new String(q.pin(transcript));
        }
    }

    /** The checked-in example, switched to test, with the first ceremony's real outputs as its inputs. */
    static Path example(String name, String folder) throws Exception {
        Path dir = work.resolve(folder);
        Files.createDirectories(dir.resolve("inputs"));
        Files.copy(first.resolve("root.pem"), dir.resolve("inputs/root-2026.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(first.resolve("austin.pem"), dir.resolve("inputs/austin-2026.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(first.resolve("root.crl"), dir.resolve("inputs/root-2026-crl-1.crl"), StandardCopyOption.REPLACE_EXISTING);
        Path file = dir.resolve(name);
        Files.writeString(file, test(Files.readString(ExampleCeremony.EXAMPLES.resolve(name))));
        return file;
    }

    static String test(String yaml) {
        return ExampleCeremony.asTest(yaml)
                .replace("CN: Example Gateways Root CA 2026", "CN: Example Gateways TEST Root CA 2026")
                .replace("CN: Example Gateways Root CA 2036", "CN: Example Gateways TEST Root CA 2036");
    }

    static Tools.Result run(Path ceremony, Path out, String... tokens) throws Exception {
        StringBuilder hsm = new StringBuilder("tokens:\n");
        for (String token : tokens) {
            hsm.append(hsm(token + "-hsm", token));
        }
        Path hsmFile = ceremony.resolveSibling("hsm.yaml");
        Files.writeString(hsmFile, hsm.toString());
        for (String token : tokens) {
            Files.copy(work.resolve(token + "-officers.json"), ceremony.resolveSibling(token + "-officers.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> args = new ArrayList<>(List.of("run", ceremony.toString(), "--hsm", hsmFile.toString(),
                "--out", out.toString(), "--operator", "tester"));
        for (String token : tokens) {
            for (String o : List.of("alice", "bob")) {
                args.addAll(List.of("--card", work.resolve(token + "-cards/" + o + ".card.json").toString()));
            }
        }
        args.addAll(passphrases());
        return ceremonyProcess(args);
    }

    static String hsm(String name, String token) throws IOException {
        Path roster = work.resolve(token + "-officers.json");
        return "  " + name + ": {module: " + TestQuorum.MODULE + ", label: " + labels.get(TOKENS.indexOf(token)) + ", roster: "
                + roster.getFileName() + ", roster-sha256: " + Digests.sha256Hex(Files.readAllBytes(roster)) + "}\n";
    }

    static List<String> passphrases() {
        List<String> args = new ArrayList<>();
        for (String o : OFFICERS) {
            args.addAll(List.of("--passphrase-file", o + "=" + work.resolve(o + ".pass")));
        }
        return args;
    }

    static void assertOk(Path dir, String... command) throws Exception {
        Tools.Result r = Tools.run(dir, command);
        assertEquals(0, r.exit(), String.join(" ", command) + ": " + r.output());
    }

    /** Returns what the CLI wrote to stderr ("" when it succeeded quietly). */
    static String cli(List<String> args) {
        StringWriter err = new StringWriter();
        int rc = CeremonyCli.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, rc, err.toString());
        return err.toString();
    }

    /** bin/ceremony in its own JVM, every question answered "yes" through a pipe. */
    static Tools.Result ceremonyProcess(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), CeremonyCli.class.getName()));
        command.addAll(args);
        Path answers = work.resolve("answers-" + System.nanoTime());
        Files.writeString(answers, "yes\n".repeat(200));
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectInput(answers.toFile()).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("bin/ceremony timed out");
        }
        return new Tools.Result(p.exitValue(), new String(output, java.nio.charset.StandardCharsets.UTF_8));
    }
}
