package dev.trustline.signer.store;

import static dev.trustline.signer.store.Fixtures.POLICY;
import static dev.trustline.signer.store.Fixtures.STATION;
import static dev.trustline.signer.store.Fixtures.device;
import static dev.trustline.signer.store.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.signer.ledger.SoftwareCheckpointSigner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed checkpoints on a real SQLite file: by entry count, by time, at close, never twice in a row. */
class CheckpointedStoreTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:31:02.123Z");
    final SoftwareCheckpointSigner signer = SoftwareCheckpointSigner.create();

    @TempDir
    Path dir;

    private List<String> types() throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("r.db"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT type FROM ledger ORDER BY seq")) {
            while (r.next()) {
                types.add(r.getString(1));
            }
        }
        return types;
    }

    private void batch(IssuanceStore s, String id, String prefix, int n) throws Exception {
        s.registerBatch(id, STATION, POLICY, sha(id), n, NOW);
        List<IssuedDevice> devices = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            devices.add(device(prefix + i, i));
        }
        s.commitChunk(id, devices, List.of(), QuotaLimits.unlimited(POLICY), NOW);
    }

    @Test
    void commit_everyFourEntries_signsACheckpoint_andCloseSignsTheLast() throws Exception {
        try (Store store = Store.openSqlite(dir.resolve("r.db"))) {
            CheckpointedStore s = new CheckpointedStore(store, signer, 4, Duration.ofHours(1),
                    Clock.fixed(NOW, ZoneOffset.UTC));
            batch(s, "b1", "A", 3);
            batch(s, "b2", "B", 1);
            batch(s, "b3", "C", 1);
            s.close();
            assertEquals(List.of("batch", "issued", "issued", "issued", "checkpoint", "batch", "issued",
                    "batch", "issued", "checkpoint"), types());
            LedgerVerification v = store.verifyLedger(signer.trust());
            assertTrue(v.ok(), v.problem());
            assertEquals(9, store.lastCheckpoint().orElseThrow().seq());
        }
    }

    @Test
    void checkpoint_ledgerEndsWithOne_writesNothing() throws Exception {
        try (Store store = Store.openSqlite(dir.resolve("r.db"))) {
            assertTrue(store.checkpoint(signer, NOW).isEmpty(), "an empty ledger needs no checkpoint");
            batch(store, "b1", "A", 1);
            assertTrue(store.checkpoint(signer, NOW).isPresent());
            assertFalse(store.checkpoint(signer, NOW).isPresent());
            assertEquals(3, store.ledgerHead().entries());
        }
    }

    @Test
    void timer_signsWhenTheLedgerGrew() throws Exception {
        try (Store store = Store.openSqlite(dir.resolve("r.db"))) {
            CheckpointedStore s = new CheckpointedStore(store, signer, 1_000_000, Duration.ofMillis(200),
                    Clock.systemUTC());
            batch(s, "b1", "A", 2);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (store.lastCheckpoint().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            s.close();
            assertEquals(3, store.lastCheckpoint().orElseThrow().seq(), "signed by the timer, not again at close");
            assertTrue(store.verifyLedger(signer.trust()).ok());
        }
    }
}
