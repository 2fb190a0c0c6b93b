package dev.trustline.signer.issuance;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.policy.OperationalProfile;
import dev.trustline.core.policy.Policy;
import dev.trustline.signer.store.DeviceRecord;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import dev.trustline.core.x509.Digests;
import dev.trustline.signer.ca.IssuingCa;
import dev.trustline.signer.ca.SignedPolicies;
import dev.trustline.signer.limits.RateLimit;
import dev.trustline.signer.limits.RateLimiter;
import dev.trustline.signer.store.BatchRegistration;
import dev.trustline.signer.store.IssuanceStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Accepts a station's batch for one policy: the station must be named by the policy, the batch id is
 * idempotent (same id and content: the same results, nothing new; same id, other content: refused),
 * and lines are processed in chunks, each committed durably before the response is built. A request is one
 * chunk (one group commit) up to {@link #MAX_CHUNK} lines: the client's {@code --chunk} decides, and a client that
 * keeps two requests in flight keeps the workers signing one while the other commits.
 */
public final class BatchService implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BatchService.class);
    static final int MAX_CHUNK = 5_000;

    private final SignedPolicies policies;
    private final IssuanceStore store;
    private final ChunkProcessor chunks;
    private final ExecutorService workers;
    private final Clock clock;
    private final IssuanceEvents events;

    public BatchService(IssuingCa ca, SignedPolicies policies, IssuanceStore store, int workerCount, Clock clock) throws TrustLineException {
        this(ca, policies, store, workerCount, clock, IssuanceEvents.NONE);
    }

    public BatchService(IssuingCa ca, SignedPolicies policies, IssuanceStore store, int workerCount, Clock clock, IssuanceEvents events)
            throws TrustLineException {
        this.policies = policies;
        this.store = store;
        this.clock = clock;
        this.events = events;
        this.workers = new ContextExecutor(Executors.newFixedThreadPool(workerCount, r -> {
            Thread t = new Thread(r, "trustline-issuer");
            t.setDaemon(true);
            return t;
        }));
        // Several instances share a PostgreSQL database: their buckets are rows in it, so a policy's
        // rate holds for all of them together. SQLite has one signer process: buckets in memory.
        java.util.function.Function<String, RateLimit> perStation = key -> rate(key.substring(0, key.indexOf('|')), true);
        java.util.function.Function<String, RateLimit> perPolicy = id -> rate(id, false);
        RateLimiter limiter = store.shared() ? RateLimiter.shared(perStation, perPolicy, store::takeRateTokens)
                : new RateLimiter(perStation, perPolicy);
        this.chunks = new ChunkProcessor(ca, new LeafIssuer(ca), store, limiter, workers, clock, events);
    }

    private RateLimit rate(String policyId, boolean perStation) {
        return policies.get(policyId).map(p -> {
            var r = perStation ? p.limits().perStation() : p.limits().perPolicy();
            return new RateLimit(r.ratePerSecond(), r.burst());
        }).orElse(null);
    }

    /** One batch id is processed by one request at a time in this process (a retry waits for the first). */
    private final java.util.concurrent.locks.ReentrantLock[] batchLocks = new java.util.concurrent.locks.ReentrantLock[64];

    {
        for (int i = 0; i < batchLocks.length; i++) {
            batchLocks[i] = new java.util.concurrent.locks.ReentrantLock();
        }
    }

    public BatchResult submit(String station, String batchId, String policyId, List<String> lines) throws TrustLineException {
        Policy policy = authorise(station, batchId, policyId);
        if (lines.isEmpty()) {
            throw new BatchRejected(400, "the batch has no device lines");
        }
        // Another station's batch id is refused before waiting for the batch's lock: the answer is the same at
        // once whether that batch is still being processed or long done.
        var owner = store.batchInfo(batchId);
        if (owner.isPresent() && !owner.get().station().equals(station)) {
            throw taken(station, batchId, "it is another station's batch");
        }
        java.util.concurrent.locks.ReentrantLock lock = batchLocks[Math.floorMod(batchId.hashCode(), batchLocks.length)];
        long start = System.nanoTime();
        lock.lock();
        try {
            BatchResult result = submitLocked(station, batchId, policy, policyId, lines, null);
            done(station, result, Duration.ofNanos(System.nanoTime() - start));
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** One log line per batch (station, policy, batch id, counts, duration) and the metrics event. */
    private void done(String station, BatchResult r, Duration took) {
        LOG.atInfo().addKeyValue("station", station).addKeyValue("policy", r.policyId()).addKeyValue("batch_id", r.batchId())
                .addKeyValue("lines", r.lines().size()).addKeyValue("issued", r.count(LineResult.Status.ISSUED))
                .addKeyValue("refused", r.count(LineResult.Status.REFUSED)).addKeyValue("retry", r.count(LineResult.Status.RETRY))
                .addKeyValue("replayed", r.replayed()).addKeyValue("duration_ms", took.toMillis()).log("batch");
        events.batchDone(station, r, took);
    }

    private BatchResult submitLocked(String station, String batchId, Policy policy, String policyId, List<String> lines,
                                     String reenrolFrom) throws TrustLineException {
        BatchRegistration reg = store.registerBatch(batchId, station, policyId, contentSha256(policyId, lines), lines.size(),
                clock.instant());
        switch (reg.status()) {
            case CONFLICT:
                throw taken(station, batchId, reg.message());
            case EXISTING:
                return new BatchResult(batchId, policyId, reg.results().stream().map(ChunkProcessor::fromRow).toList(), true);
            default:
                return leased(reg, station, policy, lines, reenrolFrom);
        }
    }

    /**
     * The one answer to a batch id that is taken, whoever took it: batch ids are global (the registry,
     * ledger and results are keyed by them), so another station's id is refused, but the answer tells
     * the sender nothing about that batch (not whose it is, how large, when, nor whether it is done);
     * the server's log has the detail.
     */
    static final String TAKEN = "this batch id is already taken (by other content, or by another station): choose a new batch id";

    private static BatchRejected taken(String station, String batchId, String detail) {
        LOG.atInfo().addKeyValue("station", station).addKeyValue("batch_id", batchId).addKeyValue("detail", detail)
                .log("batch id refused as taken");
        return new BatchRejected(409, TAKEN);
    }

    /** This instance's name in batch leases (instances sharing a database). */
    private final String instance = java.util.UUID.randomUUID().toString();
    /** A lease outlives a killed instance by at most this long; it is renewed before every chunk. */
    static final java.time.Duration LEASE = java.time.Duration.ofSeconds(30);

    /** On a shared database, the batch is processed under a lease, so another instance never signs it at once. */
    private BatchResult leased(BatchRegistration reg, String station, Policy policy, List<String> lines,
                               String reenrolFrom) throws TrustLineException {
        if (!store.shared()) {
            return process(reg, station, policy, lines, reenrolFrom);
        }
        if (!store.leaseBatch(reg.batchId(), instance, clock.instant(), LEASE)) {
            throw new BatchRejected(503, "batch " + reg.batchId() + " is being processed by another signer instance; retry later");
        }
        try {
            return process(reg, station, policy, lines, reenrolFrom);
        } finally {
            store.releaseBatch(reg.batchId(), instance);
        }
    }

    private BatchResult process(BatchRegistration reg, String station, Policy policy, List<String> lines, String reenrolFrom)
            throws TrustLineException {
        Map<Integer, LineResult> results = new TreeMap<>();
        reg.results().forEach(r -> results.put(r.lineNo(), ChunkProcessor.fromRow(r)));
        List<Integer> pending = reg.pendingLines();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < pending.size(); i += MAX_CHUNK) {
            List<Integer> chunk = pending.subList(i, Math.min(pending.size(), i + MAX_CHUNK));
            if (store.shared() && i > 0 && !store.leaseBatch(reg.batchId(), instance, clock.instant(), LEASE)) {
                throw new BatchRejected(503, "batch " + reg.batchId() + " is being processed by another signer instance; retry later");
            }
            chunks.process(reg.batchId(), station, policy, lines, chunk, seen, reenrolFrom).forEach(r -> results.put(r.lineNo(), r));
        }
        return new BatchResult(reg.batchId(), policy.id(), new ArrayList<>(results.values()), false);
    }

    /**
     * Re-enrolment (EST simplereenroll, CMP kur): the device {@code deviceId} authenticated with {@code presentedDer};
     * it gets a certificate of its policy's operational profile if that certificate is its current one, its
     * registry state is one the profile allows, and the requested key follows the profile's key rule. The
     * one-line batch is then issued as a re-issue under the operational view of the policy: the new certificate
     * becomes current, the presented one moves to the certificate history, and the ledger records it.
     */
    public LineResult reenrol(String deviceId, byte[] presentedDer, SubjectPublicKeyInfo presentedKey,
                              SubjectPublicKeyInfo requestedKey, String label, String line) throws TrustLineException {
        DeviceRecord record = store.deviceInLifecycle(deviceId).orElseThrow(() ->
                new BatchRejected(403, "device " + deviceId + " is not in the registry"));
        String policyId = label == null ? record.policyId() : label;
        if (!policyId.equals(record.policyId())) {
            throw new BatchRejected(403, "device " + deviceId + " was issued under policy " + record.policyId() + ", not " + policyId);
        }
        Policy policy = policies.get(policyId).orElseThrow(() ->
                new BatchRejected(404, "no policy '" + LineText.printable(policyId) + "' is loaded on this signer"));
        Policy operational = policy.operationalView().orElseThrow(() ->
                new BatchRejected(403, "policy " + policyId + " offers no re-enrolment (it has no operational section)"));
        OperationalProfile profile = operational.operationalProfile().orElseThrow();
        if (!policy.isValidAt(clock.instant())) {
            throw new BatchRejected(403, "policy " + policy.id() + " is not valid now (" + policy.notBefore() + " .. " + policy.notAfter() + ")");
        }
        if (!Digests.sha256Hex(presentedDer).equals(record.fingerprintSha256())) {
            throw new BatchRejected(403, "the certificate presented is not device " + deviceId + "'s current certificate");
        }
        if (!profile.allowsState(record.state().code())) {
            throw new BatchRejected(403, "device " + deviceId + " is " + record.state().code() + "; policy " + policyId
                    + " allows re-enrolment in: " + String.join(", ", profile.states()));
        }
        boolean sameKey = presentedKey.equals(requestedKey);
        if (profile.key() == OperationalProfile.KeyRule.SAME && !sameKey || profile.key() == OperationalProfile.KeyRule.NEW && sameKey) {
            throw new BatchRejected(403, "policy " + policyId + " requires re-enrolment with " + (sameKey ? "a new" : "the same") + " key");
        }
        String who = "device:" + deviceId;
        String batchId = "reenrol-" + Digests.sha256Hex(line.getBytes(StandardCharsets.UTF_8)).substring(0, 48);
        java.util.concurrent.locks.ReentrantLock lock = batchLocks[Math.floorMod(batchId.hashCode(), batchLocks.length)];
        lock.lock();
        try {
            return submitLocked(who, batchId, operational, policyId, List.of(line), record.fingerprintSha256()).lines().get(0);
        } finally {
            lock.unlock();
        }
    }

    /** Batch id, policy, station and validity: everything the request line says, checked before the body is read. */
    public Policy authorise(String station, String batchId, String policyId) throws BatchRejected {
        if (batchId == null || !batchId.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new BatchRejected(400, "batch_id must be 1 to 128 letters, digits, '.', '_' or '-'");
        }
        Policy policy = policies.get(policyId == null ? "" : policyId).orElseThrow(() ->
                new BatchRejected(404, "no policy '" + LineText.printable(policyId) + "' is loaded on this signer"));
        if (!policy.allowsStation(station)) {
            throw new BatchRejected(403, "station '" + station + "' is not named by policy " + policy.id());
        }
        if (!policy.isValidAt(clock.instant())) {
            throw new BatchRejected(403, "policy " + policy.id() + " is not valid now (" + policy.notBefore() + " .. " + policy.notAfter() + ")");
        }
        return policy;
    }

    /** GET /v1/batches/{id}: the stored results again, only to the station that sent the batch. */
    public BatchResult results(String station, String batchId) throws TrustLineException {
        if (batchId == null || !batchId.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new BatchRejected(400, "batch id must be 1 to 128 letters, digits, '.', '_' or '-'");
        }
        // one answer whether the batch does not exist or is another station's
        var info = store.batchInfo(batchId).filter(b -> b.station().equals(station))
                .orElseThrow(() -> new BatchRejected(404, "this station sent no batch of that id"));
        List<LineResult> lines = store.results(batchId).stream().map(ChunkProcessor::fromRow).toList();
        return new BatchResult(batchId, info.policyId(), lines, true);
    }

    static String contentSha256(String policyId, List<String> lines) {
        return Digests.sha256Hex((policyId + "\n" + String.join("\n", lines)).getBytes(StandardCharsets.UTF_8));
    }

    public SignedPolicies policies() {
        return policies;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
