package dev.trustline.signer.store;

import static dev.trustline.signer.store.Fixtures.POLICY;
import static dev.trustline.signer.store.Fixtures.STATION;
import static dev.trustline.signer.store.Fixtures.device;
import static dev.trustline.signer.store.Fixtures.refusal;
import static dev.trustline.signer.store.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.core.chain.ChainVerifier;
import dev.trustline.signer.ledger.LedgerRow;
import dev.trustline.core.chain.VerifiedChain;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Store} dialect must do. Subclasses open a fresh, empty database per test
 * and give raw SQL access for tampering.
 */
abstract class StoreContract {

    static final Instant NOW = Instant.parse("2026-11-25T10:31:02.123Z");
    static final QuotaLimits UNLIMITED = QuotaLimits.unlimited(POLICY);

    @TempDir
    Path dir;

    Store store;

    /** A new, empty store for one test. */
    abstract Store openStore() throws Exception;

    /** A raw JDBC connection to the same database. */
    abstract Connection raw() throws SQLException;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    BatchRegistration register(String batchId, int lines) throws StoreException {
        return store.registerBatch(batchId, STATION, POLICY, sha(batchId), lines, NOW);
    }

    /** Registers a batch of {@code n} fresh devices and commits it as one chunk. */
    CommitResult issueBatch(String batchId, String devicePrefix, int n) throws StoreException {
        register(batchId, n);
        List<IssuedDevice> devices = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            devices.add(device(devicePrefix + i, i));
        }
        return store.commitChunk(batchId, devices, List.of(), UNLIMITED, NOW);
    }

    void sql(String statement) throws SQLException {
        try (Connection c = raw(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    long count(String query) throws SQLException {
        try (Connection c = raw(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Rewrites one text column of one ledger row. */
    void tamperLedger(String column, long seq, UnaryOperator<String> change) throws SQLException {
        String value;
        try (Connection c = raw(); PreparedStatement s = c.prepareStatement(
                "SELECT " + column + " FROM ledger WHERE seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                value = r.getString(1);
            }
            try (PreparedStatement u = c.prepareStatement(
                    "UPDATE ledger SET " + column + " = ? WHERE seq = ?")) {
                u.setString(1, change.apply(value));
                u.setLong(2, seq);
                assertEquals(1, u.executeUpdate());
            }
        }
    }

    /** {@code s} with the character at {@code i} changed to another of the same kind. */
    static String flip(String s, int i) {
        char c = s.charAt(i);
        char d = Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10)
                : c == 'f' ? 'e' : (char) (c + 1);
        return s.substring(0, i) + d + s.substring(i + 1);
    }

    void assertVerifyFails(long badSeq, String problem) throws StoreException {
        LedgerVerification v = store.verifyLedger();
        assertFalse(v.ok(), "tampering went unnoticed");
        assertEquals(problem, v.problem());
        assertEquals(badSeq, v.badSeq());
    }

    // ------------------------------------------------------------------ schema

    @Test
    void open_newDatabase_recordsCurrentSchemaVersion() throws Exception {
        assertEquals(Store.codeSchemaVersion(), store.schemaVersion());
        assertEquals(Store.codeSchemaVersion(), count("SELECT COUNT(*) FROM schema_version"));
        assertEquals(new LedgerHead(0, "0".repeat(64)), store.ledgerHead());
    }

    @Test
    void open_again_appliesNoMigrationAndKeepsData() throws Exception {
        issueBatch("b1", "GW", 2);
        store.close();
        store = reopen();
        assertEquals(Store.codeSchemaVersion(), count("SELECT COUNT(*) FROM schema_version"));
        assertEquals(2, store.results("b1").size());
    }

    @Test
    void open_schemaNewerThanCode_isRefusedWithClearMessage() throws Exception {
        sql("INSERT INTO schema_version (version, description, applied_at) VALUES ("
                + (Store.codeSchemaVersion() + 1) + ", 'from the future', '2030-01-01T00:00:00.000Z')");
        store.close();
        store = null;
        StoreException e = assertThrows(StoreException.class, this::reopen);
        assertTrue(e.getMessage().contains("database schema version "
                + (Store.codeSchemaVersion() + 1) + " is newer than this TrustLine knows ("
                + Store.codeSchemaVersion() + ")"), e.getMessage());
    }

    /** Opens the same database again. */
    abstract Store reopen() throws Exception;

    // ------------------------------------------------------------------ batches

    @Test
    void registerBatch_new_thenExistingWithStoredResultsAfterCommit() throws Exception {
        assertEquals(BatchRegistration.Status.NEW, register("b1", 3).status());
        CommitResult committed = store.commitChunk("b1",
                List.of(device("GW1", 1), device("GW3", 3)),
                List.of(refusal(2, "GW2", "bad-pop", true)), UNLIMITED, NOW);
        BatchRegistration again = register("b1", 3);
        assertEquals(BatchRegistration.Status.EXISTING, again.status());
        assertEquals(committed.lines(), again.results());
        assertEquals(List.of(), again.pendingLines());
        assertEquals(committed.lines(), store.results("b1"));
    }

    @Test
    void registerBatch_sameIdDifferentContent_isConflict() throws Exception {
        register("b1", 3);
        BatchRegistration other = store.registerBatch("b1", STATION, POLICY, sha("other"), 3);
        assertEquals(BatchRegistration.Status.CONFLICT, other.status());
        assertTrue(other.message().contains("different content"), other.message());
    }

    @Test
    void registerBatch_sameIdDifferentStation_isConflict() throws Exception {
        register("b1", 3);
        BatchRegistration other = store.registerBatch("b1", "AUS-L2-S01", POLICY, sha("b1"), 3);
        assertEquals(BatchRegistration.Status.CONFLICT, other.status());
        assertTrue(other.message().contains("station " + STATION + ", not AUS-L2-S01"),
                other.message());
    }

    @Test
    void registerBatch_retryAfterCrashBeforeCommit_rerunsEveryLine() throws Exception {
        register("b1", 3);
        // The signer died before commitChunk: nothing was stored.
        BatchRegistration retry = register("b1", 3);
        assertEquals(BatchRegistration.Status.RESUMED, retry.status());
        assertEquals(List.of(1, 2, 3), retry.pendingLines());
        store.commitChunk("b1", List.of(device("GW1", 1), device("GW2", 2), device("GW3", 3)),
                List.of(), UNLIMITED, NOW);
        assertEquals(BatchRegistration.Status.EXISTING, register("b1", 3).status());
    }

    @Test
    void registerBatch_retryAfterCrashBetweenChunks_resumesOnlyPendingLines() throws Exception {
        register("b1", 4);
        store.commitChunk("b1", List.of(device("GW1", 1), device("GW2", 2)), List.of(),
                UNLIMITED, NOW);
        BatchRegistration retry = register("b1", 4);
        assertEquals(BatchRegistration.Status.RESUMED, retry.status());
        assertEquals(2, retry.results().size());
        assertEquals(List.of(3, 4), retry.pendingLines());
    }

    // ------------------------------------------------------------------ commit

    @Test
    void commitChunk_issuedAndRefusedLines_storesDevicesResultsAndLedger() throws Exception {
        register("b1", 3);
        IssuedDevice gw1 = device("GW1", 1);
        CommitResult r = store.commitChunk("b1", List.of(gw1),
                List.of(refusal(2, "GW2", "bad-pop", true), refusal(3, null, "bad-json", false)),
                UNLIMITED, NOW);
        assertEquals(1, r.issued());
        assertEquals(2, r.refused());
        assertEquals(List.of(1, 2, 3), r.lines().stream().map(BatchResultRow::lineNo).toList());
        BatchResultRow line1 = r.lines().get(0);
        assertEquals(LineStatus.ISSUED, line1.status());
        assertArrayEquals(gw1.certificateDer(), line1.certificateDer());
        assertEquals("bad-pop", r.lines().get(1).errorCode());
        assertNull(r.lines().get(1).certificateDer());
        // "batch", "issued" and two "refused": every line that answers the station is bound
        assertEquals(new LedgerHead(4, r.head().hash()), store.ledgerHead());
        DeviceRecord row = store.device("GW1").orElseThrow();
        assertEquals(gw1.fingerprintSha256(), row.fingerprintSha256());
        assertEquals(DeviceState.ISSUED, row.state());
        assertEquals(NOW, row.issuedAt());
        assertEquals("b1", row.batchId());
        assertEquals(gw1.fingerprintSha256(), store.existingDevice("GW1").orElseThrow());
        assertTrue(store.existingDevice("GW2").isEmpty());
        assertTrue(store.verifyLedger().ok(), store.verifyLedger().problem());
    }

    @Test
    void commitChunk_deviceAlreadyIssued_isRefusedAsDuplicateAndCertificateDiscarded()
            throws Exception {
        issueBatch("b1", "GW", 1);
        String first = store.existingDevice("GW1").orElseThrow();
        register("b2", 1);
        IssuedDevice again = device("GW1", 1);
        CommitResult r = store.commitChunk("b2", List.of(again), List.of(), UNLIMITED, NOW);
        BatchResultRow line = r.lines().get(0);
        assertEquals(LineStatus.REFUSED, line.status());
        assertEquals(Refusal.DUPLICATE_DEVICE, line.errorCode());
        assertNull(line.certificateDer());
        assertEquals(first, store.existingDevice("GW1").orElseThrow());
        assertEquals(0, count("SELECT COUNT(*) FROM batch_results WHERE certificate IS NOT NULL"
                + " AND batch_id = 'b2'"));
        assertEquals(1, count("SELECT COUNT(*) FROM ledger WHERE type = 'refused' AND payload LIKE"
                + " '%" + again.fingerprintSha256() + "%'"));
        assertTrue(store.existingDevices(List.of("GW1", "GW9")).contains("GW1"));
        assertEquals(1, store.existingDevices(List.of("GW1", "GW9")).size());
        assertTrue(store.verifyLedger().ok(), store.verifyLedger().problem());
    }

    @Test
    void commitChunk_sameDeviceTwiceInChunk_secondLineIsDuplicate() throws Exception {
        register("b1", 2);
        CommitResult r = store.commitChunk("b1", List.of(device("GW1", 1), device("GW1", 2)),
                List.of(), UNLIMITED, NOW);
        assertEquals(LineStatus.ISSUED, r.lines().get(0).status());
        assertEquals(Refusal.DUPLICATE_DEVICE, r.lines().get(1).errorCode());
        assertTrue(store.verifyLedger().ok(), store.verifyLedger().problem());
    }

    @Test
    void commitChunk_reissue_keepsPreviousCertificateInHistory() throws Exception {
        issueBatch("b1", "GW", 1);
        String first = store.existingDevice("GW1").orElseThrow();
        register("b2", 1);
        IssuedDevice refurbished = device("GW1", 1, true, true);
        CommitResult r = store.commitChunk("b2", List.of(refurbished), List.of(), UNLIMITED,
                NOW.plusSeconds(60));
        assertEquals(LineStatus.ISSUED, r.lines().get(0).status());
        DeviceRecord now = store.device("GW1").orElseThrow();
        assertEquals(refurbished.fingerprintSha256(), now.fingerprintSha256());
        assertEquals(DeviceState.REFURBISHED, now.state());
        List<PreviousCertificate> history = store.history("GW1");
        assertEquals(1, history.size());
        assertEquals(first, history.get(0).fingerprintSha256());
        assertEquals(refurbished.fingerprintSha256(), history.get(0).supersededBy());
        assertTrue(history.get(0).revoked());
        LedgerVerification v = store.verifyLedger();
        assertTrue(v.ok(), v.problem());
        assertEquals(4, v.entries());
    }

    @Test
    void commitChunk_overTotalQuota_refusesExactlyTheExcess() throws Exception {
        QuotaLimits limits = new QuotaLimits(POLICY, 1000, 5);
        register("b1", 3);
        store.commitChunk("b1", List.of(device("GW1", 1), device("GW2", 2), device("GW3", 3)),
                List.of(), limits, NOW);
        register("b2", 4);
        CommitResult r = store.commitChunk("b2", List.of(device("GW4", 1), device("GW5", 2),
                device("GW6", 3), device("GW7", 4)), List.of(), limits, NOW);
        assertEquals(List.of(LineStatus.ISSUED, LineStatus.ISSUED, LineStatus.REFUSED,
                LineStatus.REFUSED), r.lines().stream().map(BatchResultRow::status).toList());
        assertEquals(Refusal.OVER_QUOTA, r.lines().get(2).errorCode());
        assertTrue(r.lines().get(2).message().contains("total quota of 5"),
                r.lines().get(2).message());
        assertEquals(5, count("SELECT COUNT(*) FROM devices"));
        assertTrue(store.existingDevice("GW6").isEmpty());
        assertTrue(store.verifyLedger().ok(), store.verifyLedger().problem());
    }

    @Test
    void commitChunk_overDailyQuota_refusesUntilTheNextUtcDay() throws Exception {
        QuotaLimits limits = new QuotaLimits(POLICY, 2, 100);
        Instant lateEvening = Instant.parse("2026-11-25T23:59:59.000Z");
        register("b1", 3);
        CommitResult day1 = store.commitChunk("b1", List.of(device("GW1", 1), device("GW2", 2),
                device("GW3", 3)), List.of(), limits, lateEvening);
        assertEquals(Refusal.OVER_QUOTA, day1.lines().get(2).errorCode());
        assertTrue(day1.lines().get(2).message().contains("daily quota of 2 certificates for"
                + " 2026-11-25"), day1.lines().get(2).message());
        register("b2", 1);
        CommitResult day2 = store.commitChunk("b2", List.of(device("GW3", 1)), List.of(), limits,
                lateEvening.plusSeconds(1));
        assertEquals(LineStatus.ISSUED, day2.lines().get(0).status());
        assertTrue(store.verifyLedger().ok(), store.verifyLedger().problem());
    }

    @Test
    void commitChunk_eightThreadsAgainstTotalQuota_issueExactlyTheQuota() throws Exception {
        assertExactQuota(store, store);
    }

    /** 8 threads x 50 devices in chunks of 10, alternating between two stores, quota 123. */
    void assertExactQuota(Store a, Store b) throws Exception {
        QuotaLimits limits = new QuotaLimits(POLICY, 1_000_000, 123);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Store s = t % 2 == 0 ? a : b;
                String batch = "batch-" + t;
                String prefix = "GW-" + t + "-";
                futures.add(pool.submit(() -> {
                    s.registerBatch(batch, STATION, POLICY, sha(batch), 50, NOW);
                    int issued = 0;
                    for (int chunk = 0; chunk < 5; chunk++) {
                        List<IssuedDevice> devices = new ArrayList<>();
                        for (int i = 1; i <= 10; i++) {
                            int line = chunk * 10 + i;
                            devices.add(device(prefix + line, line));
                        }
                        issued += s.commitChunk(batch, devices, List.of(), limits, NOW).issued();
                    }
                    return issued;
                }));
            }
            int issued = 0;
            for (Future<Integer> f : futures) {
                issued += f.get();
            }
            assertEquals(123, issued);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(123, count("SELECT COUNT(*) FROM devices"));
        assertEquals(400 - 123, count("SELECT COUNT(*) FROM batch_results WHERE error_code ="
                + " 'over-quota'"));
        // one "batch" entry per batch, then one entry per line
        assertEquals(408, count("SELECT COUNT(*) FROM ledger"));
        LedgerVerification v = store.verifyLedger();
        assertTrue(v.ok(), v.problem());
        assertEquals(408, v.entries());
    }

    @Test
    void commitChunk_retriedAfterCommit_keepsTheStoredResults() throws Exception {
        register("b1", 2);
        CommitResult first = store.commitChunk("b1", List.of(device("GW1", 1), device("GW2", 2)),
                List.of(), UNLIMITED, NOW);
        CommitResult retry = store.commitChunk("b1", List.of(device("GW1", 1), device("GW2", 2)),
                List.of(), UNLIMITED, NOW);
        assertEquals(first.lines(), retry.lines());
        assertEquals(0, retry.issued());
        assertEquals(first.head(), retry.head());
        assertEquals(3, count("SELECT COUNT(*) FROM ledger"));
    }

    @Test
    void commitChunk_unregisteredBatch_throwsAndStoresNothing() throws Exception {
        StoreException e = assertThrows(StoreException.class, () -> store.commitChunk("nope",
                List.of(device("GW1", 1)), List.of(), UNLIMITED, NOW));
        assertTrue(e.getMessage().contains("batch nope is not registered"), e.getMessage());
        assertEquals(0, count("SELECT COUNT(*) FROM devices"));
    }

    @Test
    void commitChunk_lineBeyondBatch_isRejectedAndStoresNothing() throws Exception {
        register("b1", 1);
        assertThrows(IllegalArgumentException.class, () -> store.commitChunk("b1",
                List.of(device("GW1", 1), device("GW2", 2)), List.of(), UNLIMITED, NOW));
        assertEquals(0, count("SELECT COUNT(*) FROM devices"));
        assertEquals(1, count("SELECT COUNT(*) FROM ledger"), "only the batch's own entry");
    }

    @Test
    void commitChunk_clockBehindHead_entryTimeNeverGoesBackwards() throws Exception {
        issueBatch("b1", "A", 1);
        register("b2", 1);
        store.commitChunk("b2", List.of(device("B1", 1)), List.of(), UNLIMITED,
                NOW.minusSeconds(5));
        assertEquals(NOW, store.device("B1").orElseThrow().issuedAt());
        assertTrue(store.verifyLedger().ok(), store.verifyLedger().problem());
    }

    // ------------------------------------------------------------------ verify

    @Test
    void verifyLedger_untouched_isOk() throws Exception {
        issueBatch("b1", "GW", 5);
        LedgerVerification v = store.verifyLedger();
        assertTrue(v.ok(), v.problem());
        assertEquals(6, v.entries());
        assertEquals(store.ledgerHead().hash(), v.head());
    }

    @Test
    void verifyLedger_oneByteOfPayloadChanged_isCaught() throws Exception {
        issueBatch("b1", "GW", 5);
        tamperLedger("payload", 3, p -> p.replace("\"GW3\"", "\"GX3\""));
        assertVerifyFails(3, "ledger entry 3: hash does not match its content");
    }

    @Test
    void verifyLedger_payloadMadeInvalidJson_isCaught() throws Exception {
        issueBatch("b1", "GW", 5);
        tamperLedger("payload", 1, p -> p.substring(0, p.length() - 1) + "]");
        LedgerVerification v = store.verifyLedger();
        assertFalse(v.ok());
        assertEquals(1, v.badSeq());
        assertTrue(v.problem().startsWith("ledger entry 1: payload is not valid JSON"),
                v.problem());
    }

    @Test
    void verifyLedger_oneByteOfHashChanged_isCaught() throws Exception {
        issueBatch("b1", "GW", 5);
        tamperLedger("hash", 3, h -> flip(h, 10));
        assertVerifyFails(3, "ledger entry 3: hash does not match its content");
    }

    @Test
    void verifyLedger_hashMadeUpperCase_isCaught() throws Exception {
        issueBatch("b1", "GW", 5);
        tamperLedger("hash", 3, h -> h.replaceFirst("[a-f]", "A"));
        assertVerifyFails(3, "ledger entry 3: hash must be 64 lower-case hex digits");
    }

    @Test
    void verifyLedger_oneByteOfPrevChanged_isCaught() throws Exception {
        issueBatch("b1", "GW", 5);
        tamperLedger("prev", 4, p -> flip(p, 63));
        assertVerifyFails(4, "ledger entry 4: hash does not match its content");
    }

    @Test
    void verifyLedger_middleEntryDeleted_isCaught() throws Exception {
        issueBatch("b1", "GW", 5);
        sql("DELETE FROM ledger WHERE seq = 2");
        assertVerifyFails(2, "ledger entry 2 is missing (the next stored entry is 3)");
    }

    @Test
    void verifyLedger_entryRewrittenWithRecomputedHash_breaksTheNextLink() throws Exception {
        issueBatch("b1", "GW", 5);
        LedgerRow original;
        try (Connection c = raw(); PreparedStatement s = c.prepareStatement(
                "SELECT seq, time, type, payload, prev, hash FROM ledger WHERE seq = 2");
                ResultSet r = s.executeQuery()) {
            assertTrue(r.next());
            original = new LedgerRow(r.getLong(1), r.getString(2), r.getString(3),
                    r.getString(4), r.getString(5), r.getString(6));
        }
        String payload = original.payload().replace("\"GW2\"", "\"GW-FORGED\"");
        String forged = new LedgerRow(2, original.time(), original.type(), payload,
                original.prev(), "").computeHash();
        tamperLedger("payload", 2, p -> payload);
        tamperLedger("hash", 2, h -> forged);
        assertVerifyFails(3, "ledger entry 3: prev does not match the hash of entry 2");
    }

    @Test
    void verifyLedger_lastEntryDeleted_isCaughtByTheHeadRow() throws Exception {
        issueBatch("b1", "GW", 5);
        sql("DELETE FROM ledger WHERE seq = 5");
        LedgerVerification v = store.verifyLedger();
        assertFalse(v.ok());
        assertEquals(5, v.badSeq());
        assertTrue(v.problem().startsWith("the ledger head records 6 entries"), v.problem());
    }

    @Test
    void verifyLedger_deviceFingerprintChanged_isCaught() throws Exception {
        issueBatch("b1", "GW", 3);
        String fp = store.existingDevice("GW2").orElseThrow();
        sql("UPDATE devices SET fingerprint_sha256 = '" + flip(fp, 0) + "' WHERE device_id = 'GW2'");
        assertVerifyFails(2, "devices row GW2: fingerprint_sha256 is '" + flip(fp, 0)
                + "', but ledger entry 2 says '" + fp + "'");
    }

    @Test
    void verifyLedger_deviceWithoutIssuanceEntry_isCaught() throws Exception {
        issueBatch("b1", "GW", 3);
        IssuedDevice smuggled = device("GW-SMUGGLED", 1);
        try (Connection c = raw(); PreparedStatement s = c.prepareStatement("INSERT INTO devices"
                + " (device_id, serial, fingerprint_sha256, issuer_fingerprint_sha256, policy_id,"
                + " policy_version, sku, hw_rev, batch_id, line_no, station, operator, issued_at,"
                + " state, certificate) SELECT 'GW-SMUGGLED', '01', ?, issuer_fingerprint_sha256,"
                + " policy_id, policy_version, sku, hw_rev, batch_id, line_no, station, operator,"
                + " issued_at, state, ? FROM devices WHERE device_id = 'GW1'")) {
            s.setString(1, smuggled.fingerprintSha256());
            s.setBytes(2, smuggled.certificateDer());
            assertEquals(1, s.executeUpdate());
        }
        assertVerifyFails(-1, "devices row GW-SMUGGLED has no ledger entry");
    }

    @Test
    void verifyLedger_deviceRowDeleted_isCaught() throws Exception {
        issueBatch("b1", "GW", 3);
        String fp = store.existingDevice("GW2").orElseThrow();
        sql("DELETE FROM devices WHERE device_id = 'GW2'");
        assertVerifyFails(2, "ledger entry 2 implies a devices row (GW2) that is not stored");
    }

    @Test
    void verifyLedger_quotaCounterLowered_isCaught() throws Exception {
        issueBatch("b1", "GW", 3);
        sql("UPDATE quota_usage SET certificates = 1 WHERE period = 'total'");
        assertVerifyFails(-1, "quota_usage row " + POLICY + " total: certificates is '1', but"
                + " the ledger implies '3'");
    }

    // ------------------------------------------------------------------ export

    @Test
    void exportLedger_isAChainTheCoreVerifierAccepts() throws Exception {
        issueBatch("b1", "GW", 3);
        register("b2", 2);
        store.commitChunk("b2", List.of(device("GW1", 1)), List.of(refusal(2, "X", "bad-pop",
                true)), UNLIMITED, NOW.plusMillis(1));
        Path file = dir.resolve("ledger.jsonl");
        LedgerHead head = store.exportLedger(file);
        VerifiedChain chain = ChainVerifier.verify(file);
        assertEquals(7, chain.size());
        assertEquals(store.ledgerHead(), head);
        assertEquals(head.hash(), chain.head());
        assertEquals("batch", chain.entries().get(0).type());
        assertEquals("issued", chain.entries().get(1).type());
        assertEquals("GW1", chain.entries().get(1).payload().get("deviceId").textValue());
        assertEquals("refused", chain.entries().get(5).type());
        assertEquals(Refusal.DUPLICATE_DEVICE,
                chain.entries().get(5).payload().get("code").textValue());
    }

    @Test
    void exportLedger_existingFileOrEmptyLedger_isRefused() throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        StoreException empty = assertThrows(StoreException.class, () -> store.exportLedger(file));
        assertTrue(empty.getMessage().contains("the ledger is empty"), empty.getMessage());
        assertFalse(java.nio.file.Files.exists(file), "a failed export leaves no file");
        issueBatch("b1", "GW", 1);
        store.exportLedger(file);
        StoreException exists = assertThrows(StoreException.class, () -> store.exportLedger(file));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
    }

    // ------------------------------------------------------------------ shared rate buckets

    static final dev.trustline.signer.limits.RateBucket STATION_BUCKET = new dev.trustline.signer.limits.RateBucket(
            "station:P|S1", new dev.trustline.signer.limits.RateLimit(0.001, 5), "station S1");
    static final dev.trustline.signer.limits.RateBucket POLICY_BUCKET = new dev.trustline.signer.limits.RateBucket(
            "policy:P", new dev.trustline.signer.limits.RateLimit(0.001, 8), "policy P");

    @Test
    void takeRateTokens_newBuckets_startFull_andGrantWhatTheEmptiestHolds() throws Exception {
        var first = store.takeRateTokens(List.of(STATION_BUCKET, POLICY_BUCKET), 3);
        assertEquals(3, first.granted());
        assertFalse(first.shortened());
        var second = store.takeRateTokens(List.of(STATION_BUCKET, POLICY_BUCKET), 4);
        assertEquals(2, second.granted());
        assertEquals("station S1", second.limitedBy());
        assertTrue(second.retryAfter().getSeconds() >= 900, "one token per 1,000 s: " + second.retryAfter());
        var other = new dev.trustline.signer.limits.RateBucket("station:P|S2", STATION_BUCKET.limit(), "station S2");
        var third = store.takeRateTokens(List.of(other, POLICY_BUCKET), 5);
        assertEquals(3, third.granted(), "the policy had 8 - 5 left");
        assertEquals("policy P", third.limitedBy());
        var none = store.takeRateTokens(List.of(POLICY_BUCKET), 1);
        assertEquals(0, none.granted());
        assertEquals(3, count("SELECT COUNT(*) FROM rate_buckets"));
    }

    @Test
    void takeRateTokens_eightThreadsOnTwoStores_grantExactlyThePolicysBurst() throws Exception {
        try (Store second = reopen()) {
            var policy = new dev.trustline.signer.limits.RateBucket("policy:P",
                    new dev.trustline.signer.limits.RateLimit(0.001, 150), "policy P");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Long>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    Store s = t % 2 == 0 ? store : second;
                    var station = new dev.trustline.signer.limits.RateBucket("station:P|S" + (t % 3),
                            new dev.trustline.signer.limits.RateLimit(0.001, 100), "station S" + (t % 3));
                    futures.add(pool.submit(() -> {
                        long granted = 0;
                        for (int i = 0; i < 10; i++) {
                            granted += s.takeRateTokens(List.of(station, policy), 7).granted();
                        }
                        return granted;
                    }));
                }
                long granted = 0;
                for (Future<Long> f : futures) {
                    granted += f.get();
                }
                assertEquals(150, granted, "8 x 10 x 7 = 560 asked, the policy's burst is 150");
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
