package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.core.config.ConfigException;
import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.client.StationTls;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.ledger.CheckpointTrust;
import dev.trustline.signer.ledger.LedgerRow;
import dev.trustline.signer.store.LedgerVerification;
import dev.trustline.signer.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ledger checkpoints in a running signer with a real SoftHSM2 token: signed by the issuing CA key
 * after every N entries and when the signer stops, and verified up to the root.
 */
class SignerCheckpointTest {

    @TempDir
    static Path dir;
    static SignerFixture pki;

    @BeforeAll
    static void pki() throws Exception {
        pki = new SignerFixture(dir);
        pki.policy("main-policy");
    }

    @AfterAll
    static void deleteToken() throws Exception {
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start()
                .waitFor(30, TimeUnit.SECONDS);
    }

    private static Path config(String ledger) throws Exception {
        Path c = pki.config("signer", 200, "main-policy");
        Files.writeString(c, Files.readString(c) + ledger);
        return c;
    }

    private static int post(ServeCommand.Running signer, String batchId, int n, long first) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(StationTls.context(pki.station("station-sz-01"),
                pki.pass(), List.of(pki.root))).build();
        URI uri = URI.create("https://localhost:" + signer.server().port() + "/v1/batches?batch_id=" + batchId
                + "&policy=main-policy");
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", FactorySimulator.batch("GW", first, n, "",
                        "op-1")))).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private static List<String> types() throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state/signer.db"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT type FROM ledger ORDER BY seq")) {
            while (r.next()) {
                types.add(r.getString(1));
            }
        }
        return types;
    }

    @Test
    void serve_checkpointsEveryFiveEntriesAndWhenItStops_signedByTheIssuingCaUpToTheRoot() throws Exception {
        ServeCommand.Running signer = ServeCommand.start(SignerConfig.load(config(
                "ledger: {checkpoint-every-entries: 5, checkpoint-every-seconds: 3600, signer-name: it-signer}\n")),
                Clock.systemUTC());
        try {
            assertEquals(200, post(signer, "cp-1", 8, 1000));
            assertEquals(200, post(signer, "cp-2", 2, 2000));
        } finally {
            signer.close();
        }
        List<String> types = types();
        assertEquals("checkpoint", types.get(9), types.toString());
        assertEquals("checkpoint", types.get(types.size() - 1), "the stop signs the last entries: " + types);
        assertEquals(2, types.stream().filter("checkpoint"::equals).count(), types.toString());
        try (Store store = Store.openSqlite(dir.resolve("state/signer.db"))) {
            LedgerVerification v = store.verifyLedger(new CheckpointTrust(pki.root));
            assertTrue(v.ok(), v.problem());
            LedgerRow last = store.lastCheckpoint().orElseThrow();
            assertTrue(last.payload().contains("\"signer\":\"it-signer\""), last.payload());
        }
    }

    @Test
    void config_checkpointEveryZeroEntries_isRefusedNamingThePath() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> SignerConfig.load(config(
                "ledger: {checkpoint-every-entries: 0}\n")));
        assertTrue(e.getMessage().contains("ledger.checkpoint-every-entries: must be between 1 and 10000000"),
                e.getMessage());
    }
}
