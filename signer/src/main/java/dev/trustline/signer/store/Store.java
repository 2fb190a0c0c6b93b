package dev.trustline.signer.store;

import dev.trustline.core.chain.CanonicalJson;
import dev.trustline.core.chain.ChainEntry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The signer's registry (devices, batches, results, quota usage) and its issuance ledger, over
 * JDBC: SQLite by default, PostgreSQL for several signer instances. Every public operation is
 * one transaction. Thread-safe: share one instance per database in a process.
 *
 * <p>Re-issue history: {@code devices} holds each device's <em>current</em> certificate;
 * when a re-issue replaces it, the old row is first copied into {@code device_certificates}
 * (with when, by which fingerprint, and whether it is to be revoked). Every certificate ever
 * issued is therefore in exactly one of the two tables, and has exactly one "issued" ledger
 * entry.
 *
 * <p>Concurrency: {@link #commitChunk} serializes on the ledger head. SQLite: {@code BEGIN
 * IMMEDIATE} (the database write lock) plus an in-process lock so threads queue without the
 * busy handler's sleeps; several processes on one file are still correct, via the busy
 * timeout. PostgreSQL: {@code SELECT ... FROM ledger_head ... FOR UPDATE} as the first
 * statement, in READ COMMITTED, so every later statement of the commit sees all earlier commits.
 */
public final class Store implements AutoCloseable {

    private static final int IDLE_CONNECTIONS = 8;
    private static final int MAX_ATTEMPTS = 5;
    private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;
    private static final String TOTAL = "total";

    private static final String DEVICE_COLUMNS = "device_id, serial, fingerprint_sha256,"
            + " issuer_fingerprint_sha256, policy_id, policy_version, sku, hw_rev, batch_id,"
            + " line_no, station, operator, issued_at, state, certificate";
    private static final String RESULT_COLUMNS = "batch_id, line_no, device_id, status,"
            + " error_code, message, serial, fingerprint_sha256, certificate";

    private final Dialect dialect;
    private final String name;
    private final Connections connections;
    private final ReentrantLock localWriter;

    private Store(Dialect dialect, String name, Connections.Factory factory) {
        this.dialect = dialect;
        this.name = name;
        this.connections = new Connections(factory, IDLE_CONNECTIONS);
        this.localWriter = dialect == Dialect.SQLITE ? new ReentrantLock(true) : null;
    }

    /**
     * Opens (creating if needed) a SQLite registry: WAL journal, {@code synchronous=FULL}, busy
     * timeout 30 s, foreign keys on; applies missing schema migrations.
     *
     * @throws StoreException if the file cannot be opened, WAL cannot be enabled, or its schema
     *     is newer than this code
     */
    public static Store openSqlite(Path file) throws StoreException {
        Objects.requireNonNull(file, "file");
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Store store = new Store(Dialect.SQLITE, "SQLite " + file, () -> sqliteConnection(url));
        return store.init();
    }

    /**
     * Opens a PostgreSQL registry and applies missing schema migrations (several instances may
     * open at once: one migrates, the others wait). Select a schema with the URL parameter
     * {@code currentSchema}. The password is kept (as JDBC needs it) to open pooled connections.
     *
     * @param jdbcUrl e.g. {@code jdbc:postgresql://localhost:5432/trustline}
     * @throws StoreException if the database cannot be reached or its schema is newer than this
     *     code
     */
    public static Store openPostgres(String jdbcUrl, String user, char[] password)
            throws StoreException {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql:...)");
        }
        Properties properties = new Properties();
        properties.setProperty("user", Objects.requireNonNull(user, "user"));
        properties.setProperty("password", new String(Objects.requireNonNull(password)));
        String shown = jdbcUrl.contains("?") ? jdbcUrl.substring(0, jdbcUrl.indexOf('?'))
                : jdbcUrl;
        Store store = new Store(Dialect.POSTGRES, "PostgreSQL " + shown,
                () -> DriverManager.getConnection(jdbcUrl, properties));
        return store.init();
    }

    /** The schema version this code creates and understands. */
    public static int codeSchemaVersion() {
        return Schema.CURRENT;
    }

    /** The schema version of the open database. */
    public int schemaVersion() throws StoreException {
        return read("read schema version", Schema::version);
    }

    // ------------------------------------------------------------------ batches

    /**
     * Registers a batch, or finds it registered before. NEW: first time. EXISTING: same id,
     * content, station, policy and line count, every line committed: return its results again.
     * RESUMED: the same but some lines not yet committed. CONFLICT: same id, anything else
     * different.
     *
     * @param contentSha256 SHA-256 of the batch's bytes, 64 hex digits
     * @param lines the number of lines, at least 1; lines are numbered from 1
     */
    public BatchRegistration registerBatch(String batchId, String station, String policyId,
            String contentSha256, int lines) throws StoreException {
        Checks.text(batchId, "batchId");
        Checks.text(station, "station");
        Checks.text(policyId, "policyId");
        String sha = Checks.sha256(contentSha256, "contentSha256");
        if (lines < 1) {
            throw new IllegalArgumentException("a batch has at least one line: " + lines);
        }
        return write("register batch " + batchId, c -> {
            int inserted;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO batches (batch_id, station,"
                    + " policy_id, content_sha256, line_count, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (batch_id) DO NOTHING")) {
                s.setString(1, batchId);
                s.setString(2, station);
                s.setString(3, policyId);
                s.setString(4, sha);
                s.setInt(5, lines);
                s.setString(6, Times.format(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
                inserted = s.executeUpdate();
            }
            if (inserted == 1) {
                return new BatchRegistration(BatchRegistration.Status.NEW, batchId, lines,
                        List.of(), "new batch");
            }
            BatchRow stored = batch(c, batchId).orElseThrow(() -> new StoreException(
                    "batch " + batchId + " vanished while registering it"));
            String conflict = stored.conflictWith(station, policyId, sha, lines);
            if (conflict != null) {
                return new BatchRegistration(BatchRegistration.Status.CONFLICT, batchId,
                        stored.lineCount, List.of(), "batch " + batchId + " " + conflict);
            }
            List<BatchResultRow> results = results(c, batchId, 1, stored.lineCount);
            boolean complete = results.size() == stored.lineCount;
            return new BatchRegistration(complete ? BatchRegistration.Status.EXISTING
                    : BatchRegistration.Status.RESUMED, batchId, stored.lineCount, results,
                    results.size() + " of " + stored.lineCount + " lines already committed");
        });
    }

    /** Who registered a batch, for which policy and how many lines; empty if no such batch. */
    public Optional<BatchInfo> batchInfo(String batchId) throws StoreException {
        Checks.text(batchId, "batchId");
        return read("read batch " + batchId, c -> batch(c, batchId)
                .map(b -> new BatchInfo(batchId, b.station(), b.policyId(), b.lineCount())));
    }

    /** Every committed line of the batch, in line order; empty if none (or no such batch). */
    public List<BatchResultRow> results(String batchId) throws StoreException {
        Checks.text(batchId, "batchId");
        return read("read results of batch " + batchId,
                c -> results(c, batchId, 1, Integer.MAX_VALUE));
    }

    // ------------------------------------------------------------------ devices

    /** The SHA-256 fingerprint of the device's current certificate, if it has one. */
    public Optional<String> existingDevice(String deviceId) throws StoreException {
        return device(deviceId).map(DeviceRecord::fingerprintSha256);
    }

    /** The device's registry row, if it has been issued a certificate. */
    public Optional<DeviceRecord> device(String deviceId) throws StoreException {
        Checks.text(deviceId, "deviceId");
        return read("read device " + deviceId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + DEVICE_COLUMNS + " FROM devices WHERE device_id = ?")) {
                s.setString(1, deviceId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(deviceRecord(r)) : Optional.empty();
                }
            }
        });
    }

    /** Of {@code deviceIds}, those that already hold a certificate (one query per 500 ids). */
    public Set<String> existingDevices(Collection<String> deviceIds) throws StoreException {
        List<String> ids = List.copyOf(deviceIds);
        return read("look up " + ids.size() + " devices", c -> {
            Set<String> found = new HashSet<>();
            for (int from = 0; from < ids.size(); from += 500) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT device_id FROM devices WHERE device_id IN (" + marks(part.size())
                                + ")")) {
                    for (int i = 0; i < part.size(); i++) {
                        s.setString(i + 1, part.get(i));
                    }
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            found.add(r.getString(1));
                        }
                    }
                }
            }
            return found;
        });
    }

    /** The certificates the device held before its re-issues, oldest first. */
    public List<PreviousCertificate> history(String deviceId) throws StoreException {
        Checks.text(deviceId, "deviceId");
        return read("read certificate history of " + deviceId, c -> {
            List<PreviousCertificate> list = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT device_id, serial,"
                    + " fingerprint_sha256, issued_at, superseded_at, superseded_by, revoked"
                    + " FROM device_certificates WHERE device_id = ? ORDER BY superseded_at,"
                    + " issued_at")) {
                s.setString(1, deviceId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        list.add(new PreviousCertificate(r.getString(1), r.getString(2),
                                r.getString(3), time(r.getString(4)), time(r.getString(5)),
                                r.getString(6), r.getInt(7) == 1));
                    }
                }
            }
            return list;
        });
    }

    // ------------------------------------------------------------------ commit

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
    public CommitResult commitChunk(String batchId, List<IssuedDevice> issued,
            List<Refusal> refusals, QuotaLimits limits, Instant now) throws StoreException {
        Checks.text(batchId, "batchId");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(now, "now");
        List<Line> lines = lines(issued, refusals, limits);
        return write("commit chunk of batch " + batchId,
                c -> new ChunkCommit(c, batchId, lines, limits, now).run());
    }

    /**
     * The device each of {@code publicKeySha256} (see {@link #publicKeyHash}) is already certified for:
     * read before signing, so a reused key is refused ({@code key-reuse}) before the HSM signs; the
     * commit re-checks.
     */
    public Map<String, String> keyOwners(Collection<String> publicKeySha256) throws StoreException {
        return read("read the public-key index", c -> KeyIndex.owners(c, publicKeySha256));
    }

    /** SHA-256 (hex) of a DER SubjectPublicKeyInfo: the public-key index's key. */
    public static String publicKeyHash(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki) {
        return KeyIndex.hash(spki);
    }

    /**
     * How many more certificates the policy's quotas allow now (UTC day of {@code now} and total): read
     * before signing, so the HSM does not sign what the quota would discard; the commit re-checks.
     */
    public long quotaRemaining(QuotaLimits limits, Instant now) throws StoreException {
        Objects.requireNonNull(limits, "limits");
        return read("read quota of policy " + limits.policyId(), c -> {
            Quota q = new Quota(c, limits, Times.day(now));
            return Math.max(0, Math.min(limits.total() - q.usedTotal, limits.perDay() - q.usedDay));
        });
    }

    /**
     * Appends one operational entry (e.g. "unseal": who unsealed the signer) to the ledger, chained like
     * every issuance entry, in its own transaction; times never go backwards. Returns the new head.
     */
    public LedgerHead appendEvent(String type, com.fasterxml.jackson.databind.node.ObjectNode payload, Instant now)
            throws StoreException {
        Objects.requireNonNull(payload, "payload");
        return write("record " + type + " in the ledger", c -> {
            Head head = readHead(c, dialect.headLockSuffix());
            Instant requested = now.truncatedTo(ChronoUnit.MILLIS);
            Instant time = head.time != null && head.time.isAfter(requested) ? head.time : requested;
            ChainEntry e = ChainEntry.create(head.nextSeq, time, type, payload, head.hash);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger (seq, time, type, payload, prev, hash) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, e.seq());
                s.setString(2, Times.format(e.time()));
                s.setString(3, e.type());
                s.setString(4, CanonicalJson.encodeToString(e.payload()));
                s.setString(5, e.prev());
                s.setString(6, e.hash());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE ledger_head SET next_seq = ?, hash = ?, time = ? WHERE id = 1")) {
                s.setLong(1, e.seq() + 1);
                s.setString(2, e.hash());
                s.setString(3, Times.format(e.time()));
                s.executeUpdate();
            }
            return new LedgerHead(e.seq() + 1, e.hash());
        });
    }

    /** The ledger's head: entry count and last hash. */
    public LedgerHead ledgerHead() throws StoreException {
        return read("read ledger head", c -> readHead(c, "").toLedgerHead());
    }

    // ------------------------------------------------------------------ ledger

    /**
     * Recomputes the ledger chain and cross-checks it with the registry; returns the first
     * problem found. Holds every issued fingerprint in memory (about 200 bytes per certificate).
     */
    public LedgerVerification verifyLedger() throws StoreException {
        return read("verify ledger", c -> new LedgerAudit(c).run());
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
        return read("export ledger to " + jsonl, c -> {
            boolean written = false;
            try (FileChannel channel = FileChannel.open(jsonl, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                try {
                    LedgerHead head = writeLedger(c, channel);
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

    private static LedgerHead writeLedger(Connection c, FileChannel channel)
            throws SQLException, IOException, StoreException {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        long count = 0;
        String head = ChainEntry.ZERO_HASH;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT seq, time, type, payload, prev, hash FROM ledger ORDER BY seq")) {
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ChainEntry entry = LedgerAudit.entryOf(r);
                    out.write(entry.toLine().getBytes(StandardCharsets.UTF_8));
                    head = entry.hash();
                    count++;
                }
            }
        } catch (LedgerAudit.BadRow e) {
            throw new StoreException("ledger entry " + e.seq + " cannot be exported: "
                    + e.getMessage(), e);
        }
        if (count == 0) {
            throw new StoreException("the ledger is empty; an empty file is not a chain");
        }
        out.flush();
        channel.force(true);
        return new LedgerHead(count, head);
    }

    @Override
    public void close() {
        connections.close();
    }

    @Override
    public String toString() {
        return name;
    }

    /** The SQL dialect, for adapters that share this store's transactions (lifecycle, revocation). */
    Dialect dialect() {
        return dialect;
    }

    // ------------------------------------------------------------------ internals

    /** One line of a chunk: exactly one of issued / refusal is set. */
    private record Line(int lineNo, IssuedDevice issued, Refusal refusal) {
    }

    private static List<Line> lines(List<IssuedDevice> issued, List<Refusal> refusals,
            QuotaLimits limits) {
        List<Line> lines = new ArrayList<>(issued.size() + refusals.size());
        Set<Integer> seen = new HashSet<>();
        for (IssuedDevice d : issued) {
            if (!d.policyId().equals(limits.policyId())) {
                throw new IllegalArgumentException("line " + d.lineNo() + ": policy "
                        + d.policyId() + " is not the chunk's quota policy " + limits.policyId());
            }
            lines.add(new Line(d.lineNo(), d, null));
        }
        refusals.forEach(r -> lines.add(new Line(r.lineNo(), null, r)));
        for (Line line : lines) {
            if (!seen.add(line.lineNo)) {
                throw new IllegalArgumentException("line " + line.lineNo + " appears twice in the"
                        + " chunk");
            }
        }
        lines.sort(Comparator.comparingInt(Line::lineNo));
        return lines;
    }

    /** The work of one {@link #commitChunk} transaction. */
    private final class ChunkCommit {
        private final Connection c;
        private final String batchId;
        private final List<Line> lines;
        private final QuotaLimits limits;
        private final Instant requested;
        private final List<BatchResultRow> finals = new ArrayList<>();
        private final List<ChainEntry> entries = new ArrayList<>();
        private final List<IssuedDevice> newDevices = new ArrayList<>();
        private final List<BatchResultRow> newResults = new ArrayList<>();
        private final Set<String> seenDevices = new HashSet<>();
        private final List<IssuedDevice> keyed = new ArrayList<>();
        private Map<String, String> keyOwners = new HashMap<>();
        private Head head;
        private Instant time;
        private int issuedCount;
        private int refusedCount;

        ChunkCommit(Connection c, String batchId, List<Line> lines, QuotaLimits limits,
                Instant requested) {
            this.c = c;
            this.batchId = batchId;
            this.lines = lines;
            this.limits = limits;
            this.requested = requested.truncatedTo(ChronoUnit.MILLIS);
        }

        CommitResult run() throws SQLException, StoreException {
            head = readHead(c, dialect.headLockSuffix());
            time = head.time != null && head.time.isAfter(requested) ? head.time : requested;
            BatchRow batch = batch(c, batchId).orElseThrow(() -> new StoreException(
                    "batch " + batchId + " is not registered; call registerBatch first"));
            if (lines.isEmpty()) {
                return new CommitResult(List.of(), 0, 0, head.toLedgerHead());
            }
            int last = lines.get(lines.size() - 1).lineNo;
            if (last > batch.lineCount) {
                throw new IllegalArgumentException("line " + last + " is beyond batch " + batchId
                        + "'s " + batch.lineCount + " lines");
            }
            Map<Integer, BatchResultRow> stored = new HashMap<>();
            results(c, batchId, lines.get(0).lineNo, last).forEach(r -> stored.put(r.lineNo(), r));
            Quota quota = new Quota(c, limits, Times.day(time));
            Map<String, String> current = currentFingerprints(c, lines);
            keyOwners = KeyIndex.owners(c, lines.stream().filter(l -> l.issued != null).map(l -> KeyIndex.hash(l.issued))
                    .filter(java.util.Objects::nonNull).toList());
            for (Line line : lines) {
                BatchResultRow done = stored.get(line.lineNo);
                if (done != null) {
                    finals.add(done);
                } else if (line.refusal != null) {
                    refuse(line.refusal, null);
                } else {
                    issue(line.issued, current.get(line.issued.deviceId()), quota);
                }
            }
            store(quota);
            return new CommitResult(finals, issuedCount, refusedCount, head.toLedgerHead());
        }

        private void issue(IssuedDevice d, String current, Quota quota) throws SQLException {
            if (!seenDevices.add(d.deviceId())) {
                refuse(recheck(d, Refusal.DUPLICATE_DEVICE, "device " + d.deviceId()
                        + " appears on more than one line of this chunk"), d);
                return;
            }
            if (current != null && !d.reissue()) {
                refuse(recheck(d, Refusal.DUPLICATE_DEVICE, "device " + d.deviceId()
                        + " already has a certificate (sha256 " + current + ")"), d);
                return;
            }
            DeviceState kept = null;
            if (d.reenrolFrom() != null) {
                if (!d.reenrolFrom().equals(current)) {
                    refuse(recheck(d, "not-current-certificate", "device " + d.deviceId()
                            + "'s current certificate changed after the re-enrolment was checked"), d);
                    return;
                }
                kept = lifecycleState(d.deviceId(), current);
                if (kept == DeviceState.REVOKED || kept == DeviceState.RETIRED) {
                    refuse(recheck(d, "device-" + kept.code(), "device " + d.deviceId() + " is " + kept.code()), d);
                    return;
                }
            }
            String key = KeyIndex.hash(d);
            String owner = key == null ? null : keyOwners.putIfAbsent(key, d.deviceId());
            if (owner != null && !owner.equals(d.deviceId())) {
                refuse(recheck(d, KeyIndex.KEY_REUSE, "the CSR's public key is already certified for another device"), d);
                return;
            }
            String full = quota.take();
            if (full != null) {
                refuse(recheck(d, Refusal.OVER_QUOTA, full), d);
                return;
            }
            if (current != null) {
                replace(d, current, kept);
            } else {
                newDevices.add(d);
            }
            keyed.add(d);
            BatchResultRow row = BatchResultRow.issued(batchId, d);
            finals.add(row);
            newResults.add(row);
            append(LedgerPayloads.ISSUED, LedgerPayloads.issued(batchId, d, current, kept));
            issuedCount++;
        }

        /** The device's lifecycle state: its device_states row while that is about {@code fingerprint}, else devices.state. */
        private DeviceState lifecycleState(String deviceId, String fingerprint) throws SQLException {
            try (PreparedStatement s = c.prepareStatement("SELECT state FROM device_states WHERE device_id = ?"
                    + " AND fingerprint_sha256 = ?")) {
                s.setString(1, deviceId);
                s.setString(2, fingerprint);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return DeviceState.of(r.getString(1));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT state FROM devices WHERE device_id = ?")) {
                s.setString(1, deviceId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new SQLException("device " + deviceId + " vanished during re-enrolment");
                    }
                    return DeviceState.of(r.getString(1));
                }
            }
        }

        private Refusal recheck(IssuedDevice d, String code, String message) {
            return new Refusal(d.lineNo(), d.deviceId(), d.station(), d.operator(), d.policyId(),
                    code, message, true);
        }

        private void refuse(Refusal r, IssuedDevice discarded) {
            BatchResultRow row = BatchResultRow.refused(batchId, r.lineNo(), r.deviceId(),
                    r.code(), r.message());
            finals.add(row);
            newResults.add(row);
            if (r.recordInLedger()) {
                append(LedgerPayloads.REFUSED, LedgerPayloads.refused(batchId, r, discarded));
            }
            refusedCount++;
        }

        private void append(String type, com.fasterxml.jackson.databind.node.ObjectNode payload) {
            ChainEntry entry = ChainEntry.create(head.nextSeq, time, type, payload, head.hash);
            entries.add(entry);
            head = new Head(entry.seq() + 1, entry.hash(), time);
        }

        /**
         * Moves the device's current certificate to its history, then writes the new one: a re-issue makes the device
         * refurbished; a re-enrolment ({@code kept} not null) keeps its lifecycle state, whose row follows the new
         * certificate.
         */
        private void replace(IssuedDevice d, String previous, DeviceState kept) throws SQLException {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO device_certificates"
                    + " (fingerprint_sha256, device_id, serial, issuer_fingerprint_sha256,"
                    + " policy_id, policy_version, sku, hw_rev, batch_id, line_no, station,"
                    + " operator, issued_at, state, superseded_at, superseded_by, revoked,"
                    + " certificate) SELECT fingerprint_sha256, device_id, serial,"
                    + " issuer_fingerprint_sha256, policy_id, policy_version, sku, hw_rev,"
                    + " batch_id, line_no, station, operator, issued_at, state,"
                    + " CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS INTEGER), certificate"
                    + " FROM devices WHERE device_id = ? AND fingerprint_sha256 = ?")) {
                s.setString(1, Times.format(time));
                s.setString(2, d.fingerprintSha256());
                s.setInt(3, d.revokePrevious() ? 1 : 0);
                s.setString(4, d.deviceId());
                s.setString(5, previous);
                if (s.executeUpdate() != 1) {
                    throw new SQLException("device " + d.deviceId() + " changed during re-issue");
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE devices SET serial = ?,"
                    + " fingerprint_sha256 = ?, issuer_fingerprint_sha256 = ?, policy_id = ?,"
                    + " policy_version = ?, sku = ?, hw_rev = ?, batch_id = ?, line_no = ?,"
                    + " station = ?, operator = ?, issued_at = ?, state = ?, certificate = ?"
                    + " WHERE device_id = ?")) {
                int i = bindDevice(s, d, 1, kept == null ? DeviceState.REFURBISHED : kept);
                s.setString(i, d.deviceId());
                s.executeUpdate();
            }
            if (kept != null) {
                try (PreparedStatement s = c.prepareStatement("UPDATE device_states SET fingerprint_sha256 = ?"
                        + " WHERE device_id = ? AND fingerprint_sha256 = ?")) {
                    s.setString(1, d.fingerprintSha256());
                    s.setString(2, d.deviceId());
                    s.setString(3, previous);
                    s.executeUpdate();
                }
            }
        }

        private int bindDevice(PreparedStatement s, IssuedDevice d, int from, DeviceState state)
                throws SQLException {
            int i = from;
            s.setString(i++, d.serialHex());
            s.setString(i++, d.fingerprintSha256());
            s.setString(i++, d.issuerFingerprint());
            s.setString(i++, d.policyId());
            s.setInt(i++, d.policyVersion());
            s.setString(i++, d.sku());
            s.setString(i++, d.hwRev());
            s.setString(i++, batchId);
            s.setInt(i++, d.lineNo());
            s.setString(i++, d.station());
            s.setString(i++, d.operator());
            s.setString(i++, Times.format(time));
            s.setString(i++, state.code());
            s.setBytes(i++, d.der());
            return i;
        }

        private void store(Quota quota) throws SQLException {
            if (!newDevices.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO devices (serial,"
                        + " fingerprint_sha256, issuer_fingerprint_sha256, policy_id,"
                        + " policy_version, sku, hw_rev, batch_id, line_no, station, operator,"
                        + " issued_at, state, certificate, device_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (IssuedDevice d : newDevices) {
                        int i = bindDevice(s, d, 1, DeviceState.ISSUED);
                        s.setString(i, d.deviceId());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            if (!newResults.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO batch_results ("
                        + RESULT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (BatchResultRow r : newResults) {
                        s.setString(1, r.batchId());
                        s.setInt(2, r.lineNo());
                        s.setString(3, r.deviceId());
                        s.setString(4, r.status().code());
                        s.setString(5, r.errorCode());
                        s.setString(6, r.message());
                        s.setString(7, r.serialHex());
                        s.setString(8, r.fingerprintSha256());
                        s.setBytes(9, r.certificateDer());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            if (!entries.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger (seq, time,"
                        + " type, payload, prev, hash) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (ChainEntry e : entries) {
                        s.setLong(1, e.seq());
                        s.setString(2, Times.format(e.time()));
                        s.setString(3, e.type());
                        s.setString(4, CanonicalJson.encodeToString(e.payload()));
                        s.setString(5, e.prev());
                        s.setString(6, e.hash());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE ledger_head SET next_seq = ?, hash = ?, time = ? WHERE id = 1")) {
                    s.setLong(1, head.nextSeq);
                    s.setString(2, head.hash);
                    s.setString(3, Times.format(head.time));
                    s.executeUpdate();
                }
            }
            KeyIndex.record(c, keyed);
            quota.store(issuedCount);
        }
    }

    /** The current certificate fingerprint of each issued line's device that has one. */
    private static Map<String, String> currentFingerprints(Connection c, List<Line> lines)
            throws SQLException {
        List<String> ids = lines.stream().filter(l -> l.issued != null)
                .map(l -> l.issued.deviceId()).distinct().toList();
        Map<String, String> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
            try (PreparedStatement s = c.prepareStatement("SELECT device_id, fingerprint_sha256"
                    + " FROM devices WHERE device_id IN (" + marks(part.size()) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    s.setString(i + 1, part.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.put(r.getString(1), r.getString(2));
                    }
                }
            }
        }
        return found;
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    /** A policy's remaining room for this commit, read once under the commit's lock. */
    private static final class Quota {
        private final Connection c;
        private final QuotaLimits limits;
        private final String day;
        private long usedTotal;
        private long usedDay;

        Quota(Connection c, QuotaLimits limits, String day) throws SQLException {
            this.c = c;
            this.limits = limits;
            this.day = day;
            try (PreparedStatement s = c.prepareStatement("SELECT period, certificates FROM"
                    + " quota_usage WHERE policy_id = ? AND period IN (?, ?)")) {
                s.setString(1, limits.policyId());
                s.setString(2, TOTAL);
                s.setString(3, day);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        if (TOTAL.equals(r.getString(1))) {
                            usedTotal = r.getLong(2);
                        } else {
                            usedDay = r.getLong(2);
                        }
                    }
                }
            }
        }

        /** Null if one more certificate fits (and counts it), else why not. */
        String take() {
            if (usedTotal >= limits.total()) {
                return "policy " + limits.policyId() + " has used its total quota of "
                        + limits.total() + " certificates";
            }
            if (usedDay >= limits.perDay()) {
                return "policy " + limits.policyId() + " has used its daily quota of "
                        + limits.perDay() + " certificates for " + day + " (UTC)";
            }
            usedTotal++;
            usedDay++;
            return null;
        }

        void store(int issued) throws SQLException {
            if (issued == 0) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO quota_usage (policy_id,"
                    + " period, certificates) VALUES (?, ?, ?) ON CONFLICT (policy_id, period)"
                    + " DO UPDATE SET certificates = quota_usage.certificates"
                    + " + excluded.certificates")) {
                for (String period : List.of(TOTAL, day)) {
                    s.setString(1, limits.policyId());
                    s.setString(2, period);
                    s.setLong(3, issued);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    private record Head(long nextSeq, String hash, Instant time) {
        LedgerHead toLedgerHead() {
            return new LedgerHead(nextSeq, hash);
        }
    }

    private static Head readHead(Connection c, String lockSuffix) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT next_seq, hash, time FROM ledger_head WHERE id = 1" + lockSuffix);
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new SQLException("ledger_head row is missing");
            }
            String time = r.getString(3);
            return new Head(r.getLong(1), r.getString(2), time == null ? null : time(time));
        }
    }

    private record BatchRow(String station, String policyId, String contentSha256,
            int lineCount) {
        String conflictWith(String otherStation, String otherPolicy, String otherSha,
                int otherLines) {
            if (!contentSha256.equals(otherSha)) {
                return "was registered with different content (sha256 " + contentSha256
                        + ", now " + otherSha + ")";
            }
            if (!station.equals(otherStation)) {
                return "was registered by station " + station + ", not " + otherStation;
            }
            if (!policyId.equals(otherPolicy)) {
                return "was registered for policy " + policyId + ", not " + otherPolicy;
            }
            if (lineCount != otherLines) {
                return "was registered with " + lineCount + " lines, not " + otherLines;
            }
            return null;
        }
    }

    private static Optional<BatchRow> batch(Connection c, String batchId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT station, policy_id, content_sha256,"
                + " line_count FROM batches WHERE batch_id = ?")) {
            s.setString(1, batchId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new BatchRow(r.getString(1), r.getString(2),
                        r.getString(3), r.getInt(4))) : Optional.empty();
            }
        }
    }

    private static List<BatchResultRow> results(Connection c, String batchId, int from, int to)
            throws SQLException {
        List<BatchResultRow> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + RESULT_COLUMNS
                + " FROM batch_results WHERE batch_id = ? AND line_no BETWEEN ? AND ?"
                + " ORDER BY line_no")) {
            s.setString(1, batchId);
            s.setInt(2, from);
            s.setInt(3, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new BatchResultRow(r.getString(1), r.getInt(2), r.getString(3),
                            LineStatus.of(r.getString(4)), r.getString(5), r.getString(6),
                            r.getString(7), r.getString(8), r.getBytes(9)));
                }
            }
        }
        return rows;
    }

    private static DeviceRecord deviceRecord(ResultSet r) throws SQLException {
        return new DeviceRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                r.getString(5), r.getInt(6), r.getString(7), r.getString(8), r.getString(9),
                r.getInt(10), r.getString(11), r.getString(12), time(r.getString(13)),
                DeviceState.of(r.getString(14)), r.getBytes(15));
    }

    private static Instant time(String text) throws SQLException {
        return Times.parse(text).orElseThrow(() -> new SQLException("stored time '" + text
                + "' is not of the form 2026-11-25T10:31:02.123Z"));
    }

    // ------------------------------------------------------------------ transactions

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException, StoreException;
    }

    private Store init() throws StoreException {
        boolean ok = false;
        try {
            if (dialect == Dialect.SQLITE) {
                enableWal();
            }
            migrate();
            ok = true;
            return this;
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    private void enableWal() throws StoreException {
        Connection c = null;
        boolean reusable = false;
        try {
            c = connections.borrow();
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("PRAGMA journal_mode = WAL")) {
                String mode = r.next() ? r.getString(1) : "unknown";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new StoreException(name + ": cannot enable WAL (journal mode is "
                            + mode + ")");
                }
            }
            reusable = true;
        } catch (SQLException e) {
            throw new StoreException(name + ": cannot open: " + describe(e), e);
        } finally {
            if (c != null) {
                connections.release(c, reusable);
            }
        }
    }

    private void migrate() throws StoreException {
        write("migrate schema", c -> {
            dialect.lockForMigration(c);
            Schema.createVersionTable(c);
            int version = Schema.version(c);
            if (version > Schema.CURRENT) {
                throw new StoreException(name + ": database schema version " + version
                        + " is newer than this TrustLine knows (" + Schema.CURRENT
                        + "); use a newer TrustLine signer with this database");
            }
            for (Schema.Migration m : Schema.MIGRATIONS) {
                if (m.version() > version) {
                    Schema.apply(c, dialect, m, Instant.now().truncatedTo(ChronoUnit.MILLIS));
                }
            }
            return null;
        });
    }

    <T> T write(String what, Work<T> work) throws StoreException {
        return transaction(what, true, work);
    }

    <T> T read(String what, Work<T> work) throws StoreException {
        return transaction(what, false, work);
    }

    private <T> T transaction(String what, boolean write, Work<T> work) throws StoreException {
        for (int attempt = 1;; attempt++) {
            try {
                if (localWriter == null || !write) {
                    return once(write, work);
                }
                localWriter.lock();
                try {
                    return once(true, work);
                } finally {
                    localWriter.unlock();
                }
            } catch (SQLException e) {
                if (attempt >= MAX_ATTEMPTS || !dialect.isRetryable(e)) {
                    throw new StoreException(name + ": " + what + ": " + describe(e), e);
                }
                pause(attempt);
            }
        }
    }

    private <T> T once(boolean write, Work<T> work) throws SQLException, StoreException {
        Connection c = connections.borrow();
        boolean reusable = false;
        try {
            if (write) {
                dialect.beginWrite(c);
            } else {
                dialect.beginRead(c);
            }
            boolean committed = false;
            try {
                T result = work.run(c);
                dialect.commit(c);
                committed = true;
                reusable = true;
                return result;
            } finally {
                if (!committed) {
                    reusable = rollback(c);
                }
            }
        } finally {
            connections.release(c, reusable);
        }
    }

    /** True if the rollback worked and the connection can be reused. */
    private boolean rollback(Connection c) {
        try {
            dialect.rollback(c);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void pause(int attempt) throws StoreException {
        try {
            Thread.sleep(10L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a transaction", e);
        }
    }

    private static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e.getSQLState() == null ? message : message + " (SQLState " + e.getSQLState() + ")";
    }

    private static Connection sqliteConnection(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        boolean ok = false;
        try {
            Dialect.exec(c, "PRAGMA busy_timeout = " + SQLITE_BUSY_TIMEOUT_MS);
            Dialect.exec(c, "PRAGMA foreign_keys = ON");
            Dialect.exec(c, "PRAGMA synchronous = FULL");
            ok = true;
            return c;
        } finally {
            if (!ok) {
                c.close();
            }
        }
    }
}
