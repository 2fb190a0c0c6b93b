package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.quorum.Enrolment;
import dev.trustline.core.quorum.EnrolmentRequest;
import dev.trustline.core.quorum.EnrolmentResult;
import dev.trustline.core.Environment;
import dev.trustline.core.quorum.KdfParams;
import dev.trustline.core.quorum.OfficerCard;
import dev.trustline.core.quorum.OfficerEnrolment;
import dev.trustline.signer.cli.SealedServe;
import dev.trustline.signer.cli.SignerCli;
import dev.trustline.signer.client.BatchClient;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.client.StationTls;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.store.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sealed signer (signer.yaml hsm.quorum), run as its own process: 503 to every request until two of
 * its three officers unseal it with bin/signer unseal; fewer officers or a wrong passphrase leave it
 * sealed; the unseal is in the ledger; then it issues as usual.
 */
class SealedSignerTest {
    static final List<String> OFFICERS = List.of("alice", "bob", "carol");

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static Path config;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new SignerFixture(dir);
        pki.policy("ok");
        List<OfficerEnrolment> officers = new ArrayList<>();
        for (String o : OFFICERS) {
            String pass = "correct horse battery staple " + o + " " + new SecureRandom().nextInt(1000) + "!";
            pki.write("secrets/" + o + ".pass", pass);
            officers.add(new OfficerEnrolment(o, "Officer " + o, pass.toCharArray()));
        }
        pki.write("secrets/wrong.pass", "not the passphrase of anyone here 42!");
        Files.createDirectories(dir.resolve("cards"));
        try (EnrolmentResult r = Enrolment.enrol(new EnrolmentRequest(pki.token.label(), Environment.TEST, 2, KdfParams.forTests()),
                officers, new SecureRandom(), Instant.now())) {
            for (OfficerCard card : r.cards()) {
                card.write(dir.resolve("cards/" + card.officerId() + ".card.json"));
            }
            r.roster().write(dir.resolve("officers.json"));
            char[] pin = r.activationSecret().toPin();
            // from now on only the officers' shares give the token's user PIN (changed by opensc's pkcs11-tool in its own
            // process: this JVM is logged in to the token already)
            ProcessBuilder change = new ProcessBuilder("pkcs11-tool", "--module", SignerFixture.MODULE.toString(), "--token-label",
                    pki.token.label(), "--login", "--pin", "env:OLD_PIN", "--change-pin", "--new-pin", "env:NEW_PIN").redirectErrorStream(true);
            change.environment().put("OLD_PIN", SignerFixture.PIN);
            change.environment().put("NEW_PIN", new String(pin));
            Process p = change.start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), said);
        }
        Files.delete(dir.resolve("secrets/signer.pin"));
        config = pki.config("sealed", 100, "ok");
        Files.writeString(config, Files.readString(config).replace("  pin: file:secrets/signer.pin\n", "  quorum: officers.json\n"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void sealedSigner_refusesIssuanceUntilTwoOfThreeOfficersUnsealIt() throws Exception {
        Process serve = new ProcessBuilder(javaCommand("serve", "--config", config.toString())).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            int port = Integer.parseInt(awaitLine(out, Pattern.compile("signer SEALED on https://127\\.0\\.0\\.1:(\\d+) ")).group(1));
            assertSealed(port);

            Run one = unseal("alice");
            assertEquals(1, one.exit);
            assertEquals("error: the signer stays sealed: step 'unseal' has 1 of the 2 approvals it needs", one.err.strip());
            assertSealed(port);

            Run wrong = unseal("alice", "bob=wrong");
            assertEquals(1, wrong.exit);
            assertTrue(wrong.err.contains("bob.card.json: officer 'bob': the card did not open (wrong passphrase or altered card)"), wrong.err);
            assertFalse(wrong.err.contains("not the passphrase"), "never what was typed");
            assertSealed(port);

            Run ok = unseal("alice", "carol");
            assertEquals(0, ok.exit, ok.err);
            assertEquals("signer unsealed by alice, carol", ok.out.strip());
            awaitLine(out, Pattern.compile("signer listening on https://127\\.0\\.0\\.1:" + port + " "));

            BatchClient client = new BatchClient(URI.create("https://localhost:" + port),
                    StationTls.context(pki.station("station-sz-01"), pki.pass(), List.of(pki.root)), 3);
            JsonNode result = client.send("after-unseal", "ok", FactorySimulator.batch("GW", 500_000, 5, "", "op-1"));
            assertEquals(5, result.path("summary").path("issued").asInt(), result.toString());

            Run again = unseal("alice", "bob");
            assertEquals(1, again.exit);
            assertTrue(again.err.contains("the signer is not sealed (unsealed)"), again.err);
        } finally {
            serve.destroy();
            serve.waitFor(60, TimeUnit.SECONDS);
        }
        Path exported = dir.resolve("ledger.jsonl");
        try (Store store = Store.openSqlite(dir.resolve("state/sealed.db"))) {
            assertTrue(store.verifyLedger().ok());
            store.exportLedger(exported);
        }
        JsonNode first = new ObjectMapper().readTree(Files.readAllLines(exported).get(0));
        assertEquals("unseal", first.path("type").asText());
        assertEquals("[\"alice\",\"carol\"]", first.path("payload").path("officers").toString());
        assertEquals(pki.token.label(), first.path("payload").path("token-label").asText());
    }

    @Test
    void config_pinAndQuorumBoth_isRefusedNamingTheYamlPath() throws Exception {
        Path both = pki.write("both.yaml", Files.readString(config).replace("  quorum: officers.json\n",
                "  quorum: officers.json\n  pin: file:secrets/pass\n"));
        TrustLineException e = assertThrows(TrustLineException.class, () -> SignerConfig.load(both));
        assertTrue(e.getMessage().contains("hsm: give exactly one of pin: file:PATH (development) or quorum: officers.json"), e.getMessage());
    }

    @Test
    void serve_rosterOfAnotherToken_isRefusedAtStart() throws Exception {
        String roster = Files.readString(dir.resolve("officers.json"));
        Path other = pki.write("other.yaml", Files.readString(config).replace("token-label: " + pki.token.label(), "token-label: not-the-token"));
        TrustLineException e = assertThrows(TrustLineException.class, () -> SealedServe.start(SignerConfig.load(other), Clock.systemUTC()).close());
        assertTrue(e.getMessage().contains("is the roster of token '" + pki.token.label() + "', not of hsm.token-label 'not-the-token'"),
                e.getMessage());
        assertTrue(roster.contains(pki.token.label()));
    }

    @Test
    void keygen_onATokenUnderQuorum_needsTwoCardsAndWritesACsrOpensslVerifies() throws Exception {
        List<String> one = javaCommand("keygen", "--config", config.toString(), "--label", "second-key", "--csr", dir.resolve("one.csr").toString(),
                "--card", dir.resolve("cards/bob.card.json").toString(), "--passphrase-file", "bob=" + dir.resolve("secrets/bob.pass"));
        Process p = new ProcessBuilder(one).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), said);
        assertEquals("error: step 'unseal' has 1 of the 2 approvals it needs", said.strip());
        assertFalse(Files.exists(dir.resolve("one.csr")));

        List<String> two = new ArrayList<>(one);
        two.set(two.indexOf(dir.resolve("one.csr").toString()), dir.resolve("two.csr").toString());
        two.addAll(List.of("--card", dir.resolve("cards/carol.card.json").toString(), "--passphrase-file", "carol=" + dir.resolve("secrets/carol.pass")));
        p = new ProcessBuilder(two).redirectErrorStream(true).start();
        said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), said);
        Process verify = new ProcessBuilder("openssl", "req", "-in", dir.resolve("two.csr").toString(), "-verify", "-noout").redirectErrorStream(true).start();
        String v = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, verify.waitFor(), v);
        assertTrue(v.contains("verify OK"), v);
    }

    record Run(int exit, String out, String err) {
    }

    /** bin/signer unseal with the cards of {@code who} ("bob=wrong" gives bob the wrong passphrase). */
    static Run unseal(String... who) {
        List<String> args = new ArrayList<>(List.of("unseal", "--config", config.toString()));
        for (String w : who) {
            String officer = w.split("=")[0];
            String pass = w.contains("=") ? w.split("=")[1] : officer;
            args.addAll(List.of("--card", dir.resolve("cards/" + officer + ".card.json").toString(),
                    "--passphrase-file", officer + "=" + dir.resolve("secrets/" + pass + ".pass")));
        }
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = SignerCli.execute(args.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
        return new Run(rc, o.toString(), e.toString());
    }

    static void assertSealed(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(StationTls.context(pki.station("station-sz-01"), pki.pass(), List.of(pki.root))).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/v1/batches?batch_id=b1&policy=ok"))
                .POST(HttpRequest.BodyPublishers.ofString("{}\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, r.statusCode());
        assertTrue(r.body().contains("\"error\":\"sealed\""), r.body());
        assertEquals("30", r.headers().firstValue("Retry-After").orElse(""));
    }

    static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SignerCli.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    static Matcher awaitLine(BufferedReader out, Pattern pattern) throws Exception {
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m;
            }
        }
        throw new AssertionError("the signer stopped before printing " + pattern + ":\n" + seen);
    }
}
