package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.x509.KeyAlgorithm;
import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.BatchClient;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.client.StationTls;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.store.Store;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signer refuses to start on anything bad, and a restart in the middle of a batch issues each device once. */
class SignerStartupTest {
    @TempDir
    static Path dir;
    static SignerFixture pki;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new SignerFixture(dir);
    }

    @AfterAll
    static void tearDown() throws Exception {
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    private static String refusal(Path config) {
        TrustLineException e = assertThrows(TrustLineException.class, () -> ServeCommand.start(SignerConfig.load(config), Clock.systemUTC()).close());
        return e.getMessage();
    }

    @Test
    void serve_policyChangedAfterSigning_isRefused() throws Exception {
        Path p = pki.policy("changed");
        Files.writeString(p, Files.readString(p).replace("version: 1", "version: 2"));
        String m = refusal(pki.config("changed", 100, "changed"));
        assertTrue(m.contains("changed.yaml") && m.contains("policy signature does not verify"), m);
    }

    @Test
    void serve_unsignedPolicy_isRefusedBeforeTheHsmOpens() throws Exception {
        Path p = pki.policy("unsigned");
        Files.delete(Path.of(p + ".p7s"));
        String m = refusal(pki.config("unsigned", 100, "unsigned"));
        assertTrue(m.contains("unsigned.yaml.p7s (its root signature) does not exist"), m);
    }

    @Test
    void serve_policySignedByAnotherKey_isRefused() throws Exception {
        Path p = pki.policy("foreign");
        var other = KeyAlgorithm.ECDSA_P384.generate(null);
        byte[] bytes = Files.readAllBytes(p);
        Files.write(Path.of(p + ".p7s"), dev.trustline.core.policy.PolicySignature.sign(bytes,
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA384withECDSA").build(other.getPrivate()),
                pki.root, java.time.Instant.now()));
        String m = refusal(pki.config("foreign", 100, "foreign"));
        assertTrue(m.contains("foreign.yaml"), m);
    }

    @Test
    void serve_expiredPolicy_isRefused() throws Exception {
        pki.policy("expired", "valid: {not-before: 2026-11-01T00:00:00Z, not-after: 2027-11-01T00:00:00Z}",
                "valid: {not-before: 2026-11-01T00:00:00Z, not-after: 2026-11-02T00:00:00Z}");
        String m = refusal(pki.config("expired", 100, "expired"));
        assertTrue(m.contains("expired"), m);
    }

    @Test
    void serve_productionPolicyUnderTestRoot_isRefused() throws Exception {
        pki.policy("prod", "environment: test", "environment: production");
        String m = refusal(pki.config("prod", 100, "prod"));
        assertTrue(m.toLowerCase().contains("production") && m.toLowerCase().contains("test"), m);
    }

    @Test
    void serve_tokenKeyIsNotTheIntermediates_isRefused() throws Exception {
        HsmToken.open(SignerFixture.MODULE, pki.token.label(), SignerFixture.PIN.toCharArray()).generateKey("other-key", KeyAlgorithm.ECDSA_P256);
        pki.policy("ok");
        Path config = pki.config("wrongkey", 100, "ok");
        Files.writeString(config, Files.readString(config).replace("key-label: " + SignerFixture.KEY_LABEL, "key-label: other-key"));
        String m = refusal(config);
        assertTrue(m.contains("key 'other-key'") && m.contains("is not the key of the intermediate"), m);
    }

    @Test
    void serve_configErrors_nameTheirYamlPath() throws Exception {
        Path config = pki.write("bad.yaml", "hsm: {token-label: x, pin: '1234', key-label: k}\ntrust: {root: nope.pem}\npolicies: []\n"
                + "tls: {key-store: tls/server.p12, password: file:secrets/pass}\ndatabase: {sqlite: a.db}\ncolour: red\n");
        TrustLineException e = assertThrows(TrustLineException.class, () -> SignerConfig.load(config));
        assertTrue(e.getMessage().contains("colour: unknown field"), e.getMessage());
        Files.writeString(config, Files.readString(config).replace("colour: red\n", ""));
        e = assertThrows(TrustLineException.class, () -> SignerConfig.load(config));
        for (String expected : List.of("hsm.pin: must be a reference", "trust.root: ", "does not exist", "policies: must list at least one")) {
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    @Test
    void restartBetweenTwoHalvesOfABatch_everyDeviceGetsExactlyOneCertificate() throws Exception {
        pki.policy("halves", "per-station: {rate-per-second: 50, burst: 100}", "per-station: {rate-per-second: 1, burst: 6}");
        Path config = pki.config("halves", 100, "halves");
        List<String> lines = FactorySimulator.batch("GW", 900_000, 10, "", "op-2");
        BatchClient oneShot;
        JsonNode first;
        try (ServeCommand.Running signer = ServeCommand.start(SignerConfig.load(config), Clock.systemUTC())) {
            oneShot = client(signer, 1);
            first = oneShot.send("halves-1", "halves", lines);
        }
        assertEquals(6, first.path("summary").path("issued").asInt(), first.toString());
        JsonNode second;
        try (ServeCommand.Running signer = ServeCommand.start(SignerConfig.load(config), Clock.systemUTC())) {
            second = client(signer, 1).send("halves-1", "halves", lines);
            JsonNode third = client(signer, 1).send("halves-1", "halves", lines);
            assertTrue(third.path("replayed").asBoolean());
            assertEquals(second.path("results").toString(), third.path("results").toString());
        }
        assertEquals(10, second.path("summary").path("issued").asInt(), second.toString());
        for (int i = 0; i < 6; i++) {
            assertEquals(first.path("results").get(i).path("fingerprint_sha256"), second.path("results").get(i).path("fingerprint_sha256"));
        }
        try (Store store = Store.openSqlite(dir.resolve("state/halves.db"))) {
            Set<String> fingerprints = new HashSet<>();
            for (String line : lines) {
                String id = line.replaceAll(".*\"device_id\":\"([^\"]+)\".*", "$1");
                fingerprints.add(store.existingDevice(id).orElseThrow());
                assertTrue(store.history(id).isEmpty(), "one certificate only for " + id);
            }
            assertEquals(10, fingerprints.size());
            assertTrue(store.verifyLedger().ok());
        }
    }

    private static BatchClient client(ServeCommand.Running signer, int attempts) throws Exception {
        return new BatchClient(URI.create("https://localhost:" + signer.server().port()),
                StationTls.context(pki.station("station-sz-01"), pki.pass(), List.of(pki.root)), attempts);
    }
}
