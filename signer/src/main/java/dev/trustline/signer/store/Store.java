package dev.trustline.signer.store;

import java.sql.PreparedStatement;
import dev.trustline.signer.ledger.CheckpointSigner;
import dev.trustline.signer.ledger.EventEntry;
import dev.trustline.signer.ledger.CheckpointTrust;
import dev.trustline.signer.ledger.LedgerRow;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The signer's registry and issuance ledger over JDBC: SQLite by default, PostgreSQL for several
 * signer instances. Each public operation is one transaction of {@link Transactions} over the
 * adapters that keep the data ({@link Batches}, {@link Devices}, {@link Quotas},
 * {@link Ledger}). Thread-safe: share one instance per database in a process.
 *
 * <p>Concurrency: {@link #commitChunk} serializes on the ledger head. SQLite: {@code BEGIN
 * IMMEDIATE} (the database write lock) plus an in-process lock so threads queue without the
 * busy handler's sleeps; several processes on one file are still correct, via the busy
 * timeout. PostgreSQL: {@code SELECT ... FROM ledger_head ... FOR UPDATE} as the first
 * statement, in READ COMMITTED, so every later statement of the commit sees all earlier commits.
 */
public final class Store implements IssuanceStore, AutoCloseable {

    private final Transactions tx;

    private Store(Transactions tx) {
        this.tx = tx;
    }

    /**
     * Opens (creating if needed) a SQLite registry: WAL journal, {@code synchronous=FULL}, busy
     * timeout 30 s, foreign keys on; applies missing schema migrations.
     *
     * @throws StoreException if the file cannot be opened, WAL cannot be enabled, or its schema
     *     is newer than this code
     */
    public static Store openSqlite(Path file) throws StoreException {
        return new Store(Database.openSqlite(file));
    }

    /**
     * Opens a PostgreSQL registry over a bounded, validating connection pool and applies missing
     * schema migrations (several instances may open at once: one migrates, the others wait).
     * Select a schema with the URL parameter {@code currentSchema}. The password is kept by the
     * pool (as JDBC needs it) to open connections.
     *
     * @param jdbcUrl e.g. {@code jdbc:postgresql://localhost:5432/trustline}
     * @throws StoreException if the database cannot be reached or its schema is newer than this
     *     code
     */
    public static Store openPostgres(String jdbcUrl, String user, char[] password)
            throws StoreException {
        return new Store(Database.openPostgres(jdbcUrl, user, password));
    }

    /** The schema version this code creates and understands. */
    public static int codeSchemaVersion() {
        return Schema.CURRENT;
    }

    /** The schema version of the open database. */
    public int schemaVersion() throws StoreException {
        return tx.read("read schema version", Schema::version);
    }

    /** {@link #registerBatch(String, String, String, String, int, Instant)} at the wall clock's now. */
    public BatchRegistration registerBatch(String batchId, String station, String policyId,
            String contentSha256, int lines) throws StoreException {
        return registerBatch(batchId, station, policyId, contentSha256, lines, Instant.now());
    }

    @Override
    public BatchRegistration registerBatch(String batchId, String station, String policyId,
            String contentSha256, int lines, Instant now) throws StoreException {
        Checks.text(batchId, "batchId");
        Checks.text(station, "station");
        Checks.text(policyId, "policyId");
        String sha = Checks.sha256(contentSha256, "contentSha256");
        if (lines < 1) {
            throw new IllegalArgumentException("a batch has at least one line: " + lines);
        }
        String lock = tx.dialect().headLockSuffix();
        Objects.requireNonNull(now, "now");
        return tx.write("register batch " + batchId, c -> Batches.register(c, batchId, station,
                policyId, sha, lines, lock, now));
    }

    @Override
    public Optional<BatchInfo> batchInfo(String batchId) throws StoreException {
        Checks.text(batchId, "batchId");
        return tx.read("read batch " + batchId, c -> Batches.find(c, batchId)
                .map(b -> new BatchInfo(batchId, b.station(), b.policyId(), b.lineCount())));
    }

    @Override
    public List<BatchResultRow> results(String batchId) throws StoreException {
        Checks.text(batchId, "batchId");
        return tx.read("read results of batch " + batchId,
                c -> Batches.results(c, batchId, 1, Integer.MAX_VALUE));
    }

    /** The SHA-256 fingerprint of the device's current certificate, if it has one. */
    public Optional<String> existingDevice(String deviceId) throws StoreException {
        return device(deviceId).map(DeviceRecord::fingerprintSha256);
    }

    @Override
    public Optional<DeviceRecord> device(String deviceId) throws StoreException {
        Checks.text(deviceId, "deviceId");
        return tx.read("read device " + deviceId, c -> Devices.find(c, deviceId));
    }

    @Override
    public Optional<DeviceRecord> deviceInLifecycle(String deviceId) throws StoreException {
        return new LifecycleStore(this).device(deviceId);
    }

    /** Of {@code deviceIds}, those that already hold a certificate (one query per 500 ids). */
    @Override
    public Set<String> existingDevices(Collection<String> deviceIds) throws StoreException {
        List<String> ids = List.copyOf(deviceIds);
        return tx.read("look up " + ids.size() + " devices",
                c -> new HashSet<>(Devices.currentFingerprints(c, ids).keySet()));
    }

    /** The certificates the device held before its re-issues, oldest first. */
    public List<PreviousCertificate> history(String deviceId) throws StoreException {
        Checks.text(deviceId, "deviceId");
        return tx.read("read certificate history of " + deviceId,
                c -> Devices.history(c, deviceId));
    }

    /**
     * Commits one chunk of a batch durably, in one transaction: re-checks each issued device
     * (not already issued unless a re-issue; not twice in the chunk; within the policy's
     * per-day and total quota, in line order), turns failures into {@code duplicate-device} or
     * {@code over-quota} refusals whose certificates are discarded (never stored; the discarded
     * serial and fingerprint go into the "refused" ledger entry), then stores devices rows,
     * one {@code batch_results} row per line, and ledger entries ("issued" per certificate,
     * "refused" per refusal with {@code recordInLedger} and per re-check refusal), continuing the
     * hash chain. Lines already committed by an earlier attempt keep their stored result.
     *
     * <p>Entry times are {@code now} to the millisecond, but never earlier than the ledger head's
     * time (a chain's times never go backwards), and the quota day is the UTC day of that time.
     *
     * @param issued certificates signed for lines of this chunk; every one under
     *     {@code limits.policyId()}
     * @param refusals lines already refused by earlier checks
     * @throws IllegalArgumentException if a line number repeats, is outside the batch, or an
     *     issued device's policy is not {@code limits.policyId()}
     * @throws StoreException if the batch is not registered or the database fails (nothing is
     *     stored then; the chunk may be retried)
     */
    @Override
    public CommitResult commitChunk(String batchId, List<IssuedDevice> issued,
            List<Refusal> refusals, QuotaLimits limits, Instant now) throws StoreException {
        Checks.text(batchId, "batchId");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(now, "now");
        List<ChunkCommit.Line> lines = ChunkCommit.lines(issued, refusals, limits);
        String lock = tx.dialect().headLockSuffix();
        return tx.write("commit chunk of batch " + batchId,
                c -> new ChunkCommit(c, batchId, lines, limits, now).run(lock));
    }

    @Override
    public Map<String, String> keyOwners(Collection<String> publicKeySha256) throws StoreException {
        List<String> hashes = List.copyOf(publicKeySha256);
        return tx.read("read the public-key index", c -> KeyIndex.owners(c, hashes));
    }

    /** True when several signer instances may share this database (PostgreSQL). */
    @Override
    public boolean shared() {
        return tx.dialect() == Dialect.POSTGRES;
    }

    /**
     * Takes (or renews) the lease on a registered batch for {@code holder} until {@code now + ttl}:
     * true unless another holder's lease is still running. Instances sharing a database take it
     * before signing any line of the batch, so a batch id sent to two instances at once is signed once.
     */
    @Override
    public boolean leaseBatch(String batchId, String holder, Instant now, java.time.Duration ttl) throws StoreException {
        return tx.write("lease batch " + batchId, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE batches SET lease_holder = ?, lease_until = ?"
                    + " WHERE batch_id = ? AND (lease_until IS NULL OR lease_until < ? OR lease_holder = ?)")) {
                s.setString(1, holder);
                s.setString(2, Times.format(now.plus(ttl)));
                s.setString(3, batchId);
                s.setString(4, Times.format(now));
                s.setString(5, holder);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Ends {@code holder}'s lease on the batch (another instance may then take it at once). */
    @Override
    public void releaseBatch(String batchId, String holder) throws StoreException {
        tx.write("release batch " + batchId, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE batches SET lease_until = NULL"
                    + " WHERE batch_id = ? AND lease_holder = ?")) {
                s.setString(1, batchId);
                s.setString(2, holder);
                return s.executeUpdate();
            }
        });
    }

    /**
     * Takes up to {@code n} tokens, the same count from each bucket, from the {@code rate_buckets}
     * table (schema 5) in one write transaction, refilled by the database's clock: the buckets of
     * every instance sharing this database are the same rows. See {@link RateBuckets}.
     */
    @Override
    public dev.trustline.signer.limits.Grant takeRateTokens(List<dev.trustline.signer.limits.RateBucket> buckets, long n)
            throws StoreException {
        List<dev.trustline.signer.limits.RateBucket> copy = List.copyOf(buckets);
        return tx.write("take rate-limit tokens", c -> RateBuckets.take(c, tx.dialect(), copy, n));
    }

    /** SHA-256 (hex) of a DER SubjectPublicKeyInfo: the public-key index's key. */
    public static String publicKeyHash(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki) {
        return KeyIndex.hash(spki);
    }

    /**
     * Appends one operational entry (e.g. "unseal": who unsealed the signer) to the ledger,
     * chained like every issuance entry, in its own transaction; times never go backwards.
     * Returns the new head.
     */
    public LedgerHead appendEvent(String type, com.fasterxml.jackson.databind.node.ObjectNode payload,
            Instant now) throws StoreException {
        EventEntry event = new EventEntry(type, payload);
        String lock = tx.dialect().headLockSuffix();
        return tx.write("record " + type + " in the ledger", c -> {
            Ledger.Head head = Ledger.head(c, lock);
            Instant time = head.timeFor(now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            LedgerRow row = head.next(time, event);
            Ledger.append(c, List.of(row), head.after(row, time));
            return head.after(row, time).toLedgerHead();
        });
    }

    @Override
    public long quotaRemaining(QuotaLimits limits, Instant now) throws StoreException {
        Objects.requireNonNull(limits, "limits");
        return tx.read("read quota of policy " + limits.policyId(),
                c -> Quotas.read(c, limits, Times.day(now)).remaining());
    }

    /** The ledger's head: entry count and last hash. */
    public LedgerHead ledgerHead() throws StoreException {
        return tx.read("read ledger head", c -> Ledger.head(c, "").toLedgerHead());
    }

    /** {@link #verifyLedger(CheckpointTrust)} without checking checkpoint signatures. */
    public LedgerVerification verifyLedger() throws StoreException {
        return verifyLedger(null);
    }

    /**
     * Replays the ledger (chain rules, entry rules, checkpoint signatures up to {@code trust}'s
     * root when given) and compares every registry row, the head and the quota counters with
     * what it implies; returns the first problem found. Holds the implied registry in memory
     * (about 400 bytes per device).
     */
    public LedgerVerification verifyLedger(CheckpointTrust trust) throws StoreException {
        return tx.read("verify ledger", c -> verify(c, trust, null));
    }

    /**
     * Appends a checkpoint signed by {@code signer}: the ledger's length and head hash at
     * {@code now} (never before the head's time), unless the ledger is empty or its last entry is
     * already a checkpoint. One write transaction; the signature is made under the ledger lock.
     *
     * @return the checkpoint entry, or empty if none was needed
     */
    public Optional<LedgerRow> checkpoint(CheckpointSigner signer, Instant now)
            throws StoreException {
        Objects.requireNonNull(signer, "signer");
        String lock = tx.dialect().headLockSuffix();
        return tx.write("write a ledger checkpoint", c -> Ledger.checkpoint(c, lock, signer,
                now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
    }

    /** The newest checkpoint entry, for an auditor to keep. */
    public Optional<LedgerRow> lastCheckpoint() throws StoreException {
        return tx.read("read the last checkpoint", Ledger::lastCheckpoint);
    }

    /**
     * {@link #verifyLedger(CheckpointTrust)}, and then that the ledger still holds
     * {@code kept} (a checkpoint an auditor exported earlier) unchanged at its seq: a ledger cut
     * back to before it, even with a consistent head, fails.
     */
    public LedgerVerification verifyLedger(CheckpointTrust trust, LedgerRow kept)
            throws StoreException {
        Objects.requireNonNull(kept, "kept");
        return tx.read("verify ledger", c -> verify(c, trust, kept));
    }

    /** The whole check on {@code c}'s view of the database; {@code kept} may be null. */
    static LedgerVerification verify(java.sql.Connection c, CheckpointTrust trust,
            LedgerRow kept) throws java.sql.SQLException {
        LedgerVerification v = new LedgerAudit(c, trust).run();
        return v.ok() && kept != null ? Ledger.holds(c, kept, v) : v;
    }

    /**
     * Writes the ledger to a new file as JSON Lines, byte for byte in the ceremony transcript
     * format (so {@code ChainVerifier.verify} and the runbook's recheck script read it), forced
     * to disk. Rows are written as stored: a tampered ledger exports as a chain that fails
     * verification.
     *
     * @throws StoreException if the file exists, the ledger is empty (an empty file is no
     *     chain), or a row cannot be written as an entry
     */
    public LedgerHead exportLedger(Path jsonl) throws StoreException {
        Objects.requireNonNull(jsonl, "jsonl");
        return tx.read("export ledger to " + jsonl, c -> {
            boolean written = false;
            try (FileChannel channel = FileChannel.open(jsonl, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                try {
                    LedgerHead head = Ledger.export(c, channel);
                    written = true;
                    return head;
                } finally {
                    if (!written) {
                        Files.deleteIfExists(jsonl);
                    }
                }
            } catch (FileAlreadyExistsException e) {
                throw new StoreException(jsonl + " already exists; export needs a new file", e);
            } catch (IOException e) {
                throw new StoreException("cannot write " + jsonl + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void close() {
        tx.close();
    }

    @Override
    public String toString() {
        return tx.name();
    }

    /** The SQL dialect, for adapters that share this store's transactions (lifecycle, revocation). */
    Dialect dialect() {
        return tx.dialect();
    }

    /** A write transaction for adapters that share this store (lifecycle, revocation). */
    <T> T write(String what, Transactions.Work<T> work) throws StoreException {
        return tx.write(what, work);
    }

    /** A read transaction for adapters that share this store (lifecycle, revocation). */
    <T> T read(String what, Transactions.Work<T> work) throws StoreException {
        return tx.read(what, work);
    }
}
