package dev.trustline.ceremony.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustline.ceremony.ExampleCeremony;
import dev.trustline.ceremony.TestQuorum;
import dev.trustline.ceremony.Tools;
import dev.trustline.ceremony.cli.CeremonyCli;
import dev.trustline.core.chain.ChainEntry;
import dev.trustline.core.chain.ChainVerifier;
import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real `bin/ceremony run` of the example on two tokens put under quorum with `officers init`, whose
 * rosters share the same five officer ids (the normal case: each officer holds a card for each HSM),
 * every card presented; then `verify --roster` with both rosters. The ceremony's rehearsal runs through
 * the same CLI with the same officers, and the two transcripts differ only in token identities, times,
 * random serials, keys and signatures (and the mode). Both runs are separate JVMs that read the typed
 * "yes" answers from a pipe, as an operator's console would deliver them.
 *
 * <p>The example's environment (its two environment lines) is switched to test: production rosters need the 256 MiB Argon2id
 * floor (about 1.5 s per unlock on a loaded 2-core CI machine, ~50 unlocks here); cheap test cards
 * need test rosters. Everything else is the checked-in example file.
 */
class ExampleRealRunTest {
    static final List<String> OFFICERS = List.of("alice", "bob", "carol", "dave", "erin");
    /** What may differ between a rehearsal and a real run of the same file. */
    static final Set<String> MAY_DIFFER = Set.of("ts", "mode", "throwaway", "label", "serial", "token-label",
            "token-serial", "roster-id", "roster-sha256", "approval-public-key", "public-key-sha256", "sha256",
            "fingerprint-sha256", "tbs-sha256", "digest", "signature", "hsm-file-sha256", "confirmations", "head-before-end");

    @TempDir
    static Path work;
    static Path ceremony;
    static final List<String> tokenLabels = new ArrayList<>();

    @BeforeAll
    static void officersInit() throws Exception {
        ceremony = ExampleCeremony.write(work.resolve("ceremony"), ExampleCeremony.asTest(ExampleCeremony.text()));
        for (String o : OFFICERS) {
            Files.writeString(work.resolve(o + ".pass"), "correct horse battery staple " + o + " 42!\n");
        }
        for (String token : List.of("root", "factory")) {
            String label = dev.trustline.core.hsm.ThrowawayToken.uniqueLabel("example-" + token);
            tokenLabels.add(label);
            List<String> args = new ArrayList<>(List.of("officers", "init", "--token-label", label, "--environment", "test",
                    "--kdf", "test", "--threshold", "3", "--cards-dir", work.resolve(token + "-cards").toString(),
                    "--roster", work.resolve(token + "-officers.json").toString()));
            args.addAll(officerArgs());
            assertEquals(0, cli(args));
        }
    }

    @AfterAll
    static void deleteTokens() throws Exception {
        for (String label : tokenLabels) {
            Tools.run(work, "softhsm2-util", "--delete-token", "--token", label);
        }
    }

    @Test
    void realRun_twoTokensSharingOfficerIds_completesAndVerifiesWithBothRosters() throws Exception {
        Path out = work.resolve("real");
        Files.writeString(work.resolve("hsm.yaml"), "tokens:\n" + hsmToken("root-hsm", 0, "root") + hsmToken("factory-hsm", 1, "factory"));
        List<String> args = new ArrayList<>(List.of("run", ceremony.toString(), "--hsm", work.resolve("hsm.yaml").toString(),
                "--out", out.toString(), "--operator", "tester"));
        for (String token : List.of("root", "factory")) {
            for (String o : OFFICERS) {
                args.addAll(List.of("--card", work.resolve(token + "-cards/" + o + ".card.json").toString()));
            }
        }
        args.addAll(passphraseArgs());
        Tools.Result r = ceremonyProcess(args);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("ceremony complete: 5 steps"), r.output());
        assertEquals(0, Tools.run(out, "openssl", "verify", "-CAfile", "root.pem", "shenzhen.pem", "austin.pem").exit());
        assertEquals(0, cli(List.of("verify", out.resolve("transcript.jsonl").toString(),
                "--roster", work.resolve("root-officers.json").toString(), "--roster", work.resolve("factory-officers.json").toString())));
    }

    @Test
    void rehearsalAndRealRun_transcriptsDifferOnlyInTokenIdentitiesTimesSerialsAndSignatures() throws Exception {
        Path real = work.resolve("real");
        if (!Files.exists(real.resolve("transcript.jsonl"))) {
            realRun_twoTokensSharingOfficerIds_completesAndVerifiesWithBothRosters();
        }
        Path rehearsal = work.resolve("rehearsal");
        List<String> args = new ArrayList<>(List.of("rehearse", ceremony.toString(), "--out", rehearsal.toString(),
                "--operator", "tester", "--threshold", "3"));
        args.addAll(officerArgs());
        Tools.Result r = ceremonyProcess(args);
        assertEquals(0, r.exit(), r.output());
        List<ChainEntry> a = ChainVerifier.verify(rehearsal.resolve("transcript.jsonl")).entries();
        List<ChainEntry> b = ChainVerifier.verify(real.resolve("transcript.jsonl")).entries();
        assertEquals(a.stream().map(ChainEntry::type).toList(), b.stream().map(ChainEntry::type).toList());
        for (int i = 0; i < a.size(); i++) {
            assertSameExceptAllowed(a.get(i).type() + "#" + i, a.get(i).payload(), b.get(i).payload());
        }
    }

    private static void assertSameExceptAllowed(String where, JsonNode a, JsonNode b) {
        if (a.isObject()) {
            assertEquals(names(a), names(b), where);
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!MAY_DIFFER.contains(f.getKey())) {
                    assertSameExceptAllowed(where + "." + f.getKey(), f.getValue(), b.get(f.getKey()));
                }
            }
        } else if (a.isArray()) {
            assertEquals(a.size(), b.size(), where);
            for (int i = 0; i < a.size(); i++) {
                assertSameExceptAllowed(where + "[" + i + "]", a.get(i), b.get(i));
            }
        } else {
            assertEquals(a, b, where);
        }
    }

    private static Set<String> names(JsonNode o) {
        Set<String> names = new java.util.TreeSet<>();
        o.fieldNames().forEachRemaining(names::add);
        names.remove("hsm-file-sha256");
        return names;
    }

    private static String hsmToken(String name, int index, String token) throws IOException {
        Path roster = work.resolve(token + "-officers.json");
        return "  " + name + ": {module: " + TestQuorum.MODULE + ", label: " + tokenLabels.get(index) + ", roster: "
                + roster.getFileName() + ", roster-sha256: " + Digests.sha256Hex(Files.readAllBytes(roster)) + "}\n";
    }

    private static List<String> officerArgs() {
        List<String> args = new ArrayList<>();
        for (String o : OFFICERS) {
            args.addAll(List.of("--officer", o + "=Officer " + o));
        }
        args.addAll(passphraseArgs());
        return args;
    }

    private static List<String> passphraseArgs() {
        List<String> args = new ArrayList<>();
        for (String o : OFFICERS) {
            args.addAll(List.of("--passphrase-file", o + "=" + work.resolve(o + ".pass")));
        }
        return args;
    }

    private static int cli(List<String> args) {
        StringWriter err = new StringWriter();
        int rc = CeremonyCli.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, rc, err.toString());
        return rc;
    }

    /** bin/ceremony in its own JVM, every question answered "yes" through a pipe. */
    static Tools.Result ceremonyProcess(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), CeremonyCli.class.getName()));
        command.addAll(args);
        Path answers = work.resolve("answers-" + System.nanoTime());
        Files.writeString(answers, "yes\n".repeat(200));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectInput(answers.toFile());
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("bin/ceremony timed out");
        }
        return new Tools.Result(p.exitValue(), new String(output, java.nio.charset.StandardCharsets.UTF_8));
    }
}
