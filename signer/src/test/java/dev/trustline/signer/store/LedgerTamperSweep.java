package dev.trustline.signer.store;

import static dev.trustline.signer.store.Fixtures.POLICY;
import static dev.trustline.signer.store.Fixtures.STATION;
import static dev.trustline.signer.store.Fixtures.device;
import static dev.trustline.signer.store.Fixtures.refusal;
import static dev.trustline.signer.store.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.signer.ledger.LedgerRow;
import dev.trustline.signer.ledger.SoftwareCheckpointSigner;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tamper sweep: one ledger with every kind of row (batches, issued and refused lines, a
 * re-issue with history, a batch left half done, a registered batch with no lines, two quota
 * days, two checkpoints), then {@link TamperCases} applies each single change, deletion,
 * duplication or reordering to the real database in a transaction, runs the same check as
 * {@code ledger verify --checkpoint} (with the last checkpoint an auditor kept) on that
 * transaction's view, requires it to fail, and rolls back. Subclasses give the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerTamperSweep {

    static final Instant NOW = Instant.parse("2026-11-25T10:31:02.123Z");
    static final QuotaLimits UNLIMITED = QuotaLimits.unlimited(POLICY);

    private final SoftwareCheckpointSigner signer = SoftwareCheckpointSigner.create();
    private final Set<String> caught = new LinkedHashSet<>();
    private Store store;
    private LedgerRow kept;

    /** A new, empty store (once per class). */
    abstract Store openStore() throws Exception;

    /** A raw JDBC connection to the same database. */
    abstract Connection raw() throws SQLException;

    Stream<TamperCases.Case> cases() throws Exception {
        if (store == null) {
            store = openStore();
            build();
        }
        return TamperCases.all().stream();
    }

    private void build() throws Exception {
        register("b1", 5);
        store.commitChunk("b1", List.of(device("GW1", 1), device("GW2", 2), device("GW3", 3),
                device("GW4", 4)), List.of(refusal(5, "GW-R5", "bad-pop", false)), UNLIMITED, NOW);
        store.checkpoint(signer, NOW).orElseThrow();
        register("b2", 3);
        store.commitChunk("b2", List.of(device("GW5", 1), device("GW1", 2, true, true),
                device("GW2", 3)), List.of(), UNLIMITED, NOW);
        register("b3", 4);
        store.commitChunk("b3", List.of(device("GW6", 1)),
                List.of(refusal(2, null, "bad-json", false)), UNLIMITED, NOW);
        register("b4", 2);
        Instant tomorrow = NOW.plusSeconds(86_400);
        store.registerBatch("b5", STATION, POLICY, sha("b5"), 1, tomorrow);
        store.commitChunk("b5", List.of(device("GW7", 1)), List.of(), UNLIMITED, tomorrow);
        kept = store.checkpoint(signer, tomorrow).orElseThrow();
        store.registerBatch("b6", STATION, POLICY, sha("b6"), 1, tomorrow);
        store.commitChunk("b6", List.of(device("GW8", 1)), List.of(), UNLIMITED, tomorrow);
        LifecycleStore lifecycle = new LifecycleStore(store);
        lifecycle.transition("GW2", d -> { }, DeviceState.PROVISIONED, "SZ-L1-S03", "station",
                "line evidence verified", null, tomorrow);
        lifecycle.revoke("GW3", d -> { }, "keyCompromise", 1, "backend-1", "backend", "test",
                tomorrow);
        assertEquals(22, store.ledgerHead().entries(), "the fixture's shape changed");
    }

    private void register(String id, int lines) throws StoreException {
        store.registerBatch(id, STATION, POLICY, sha(id), lines, NOW);
    }

    @Test
    void untouched_verifiesWithTheKeptCheckpoint() throws Exception {
        cases();
        LedgerVerification v = store.verifyLedger(signer.trust(), kept);
        assertTrue(v.ok(), v.problem());
        assertEquals(22, v.entries());
    }

    @Test
    void tailCutWithItsRows_passesWithoutTheKeptCheckpoint_failsWithIt() throws Exception {
        cases();
        try (Connection c = raw()) {
            c.setAutoCommit(false);
            try {
                TamperCases.cutWithRows(c);
                LedgerVerification alone = Store.verify(c, signer.trust(), null);
                assertTrue(alone.ok(), "a consistent cut is invisible without a kept checkpoint: "
                        + alone.problem());
                LedgerVerification v = Store.verify(c, signer.trust(), kept);
                assertFalse(v.ok());
                assertEquals(17, v.badSeq());
                assertEquals("the ledger holds 15 entries, but the kept checkpoint is entry 17"
                        + " (entries were removed from the end)", v.problem());
            } finally {
                c.rollback();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tampered_failsVerify(TamperCases.Case tamper) throws Exception {
        try (Connection c = raw()) {
            c.setAutoCommit(false);
            try {
                tamper.apply(c);
                LedgerVerification v = Store.verify(c, signer.trust(), kept);
                assertFalse(v.ok(), "verify passed after: " + tamper.name());
                caught.add(tamper.name() + " -> " + v.problem());
            } finally {
                c.rollback();
            }
        }
    }

    @AfterAll
    void closeAndCount() {
        if (store != null) {
            store.close();
        }
        List<String> names = new ArrayList<>(TamperCases.all().stream().map(TamperCases.Case::name)
                .toList());
        assertEquals(names.size(), new LinkedHashSet<>(names).size(), "case names repeat");
        assertTrue(names.size() >= 60, "the sweep needs at least 60 distinct cases");
        try {
            java.nio.file.Files.write(java.nio.file.Path.of("target", "tamper-sweep-"
                    + getClass().getSimpleName() + ".txt"), caught);
        } catch (java.io.IOException e) {
            // the list is a convenience for reviewers; the assertions above are the test
        }
    }
}
