package dev.trustline.signer.store;

import dev.trustline.signer.ledger.CheckpointSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The issuance port with signed ledger checkpoints: after a commit that brings the ledger
 * {@code everyEntries} past the last checkpoint, every {@code every} if the ledger grew (entries
 * from any writer, lifecycle included), and once more at {@link #close()}. A failed checkpoint
 * never fails issuance: it is reported on stderr and tried again at the next occasion.
 */
public final class CheckpointedStore implements IssuanceStore, AutoCloseable {

    private final Store store;
    private final CheckpointSigner signer;
    private final int everyEntries;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final AtomicLong checkpointedAt = new AtomicLong();

    public CheckpointedStore(Store store, CheckpointSigner signer, int everyEntries,
            Duration every, Clock clock) throws StoreException {
        this.store = store;
        this.signer = signer;
        this.everyEntries = everyEntries;
        this.clock = clock;
        checkpointedAt.set(store.lastCheckpoint().map(r -> r.seq()).orElse(0L));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trustline-ledger-checkpoint");
            t.setDaemon(true);
            return t;
        });
        long ms = every.toMillis();
        timer.scheduleWithFixedDelay(this::checkpointQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Signs a checkpoint now unless the ledger ends with one; the entry, if written. */
    public synchronized Optional<dev.trustline.signer.ledger.LedgerRow> checkpoint()
            throws StoreException {
        Optional<dev.trustline.signer.ledger.LedgerRow> row = store.checkpoint(signer,
                clock.instant());
        row.ifPresent(r -> checkpointedAt.set(r.seq()));
        return row;
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (StoreException | RuntimeException e) {
            System.err.println("signer: ledger checkpoint failed (will retry): " + e.getMessage());
        }
    }

    @Override
    public CommitResult commitChunk(String batchId, List<IssuedDevice> issued,
            List<Refusal> refusals, QuotaLimits limits, Instant now) throws StoreException {
        CommitResult r = store.commitChunk(batchId, issued, refusals, limits, now);
        if (r.head().entries() - checkpointedAt.get() >= everyEntries) {
            checkpointQuietly();
        }
        return r;
    }

    /** Stops the timer and writes the shutdown checkpoint; does not close the store. */
    @Override
    public void close() {
        timer.shutdownNow();
        checkpointQuietly();
    }

    @Override
    public BatchRegistration registerBatch(String batchId, String station, String policyId,
            String contentSha256, int lines, Instant now) throws StoreException {
        return store.registerBatch(batchId, station, policyId, contentSha256, lines, now);
    }

    @Override
    public Optional<BatchInfo> batchInfo(String batchId) throws StoreException {
        return store.batchInfo(batchId);
    }

    @Override
    public List<BatchResultRow> results(String batchId) throws StoreException {
        return store.results(batchId);
    }

@Override
    public Optional<DeviceRecord> device(String deviceId) throws StoreException {
        return store.device(deviceId);
    }

    @Override
    public Optional<DeviceRecord> deviceInLifecycle(String deviceId) throws StoreException {
        return store.deviceInLifecycle(deviceId);
    }

    @Override
    public Set<String> existingDevices(Collection<String> deviceIds) throws StoreException {
        return store.existingDevices(deviceIds);
    }

    @Override
    public java.util.Map<String, String> keyOwners(Collection<String> publicKeySha256)
            throws StoreException {
        return store.keyOwners(publicKeySha256);
    }

    @Override
    public long quotaRemaining(QuotaLimits limits, Instant now) throws StoreException {
        return store.quotaRemaining(limits, now);
    }

    @Override
    public boolean shared() {
        return store.shared();
    }

    @Override
    public boolean leaseBatch(String batchId, String holder, Instant now, java.time.Duration ttl) throws StoreException {
        return store.leaseBatch(batchId, holder, now, ttl);
    }

    @Override
    public void releaseBatch(String batchId, String holder) throws StoreException {
        store.releaseBatch(batchId, holder);
    }

    @Override
    public dev.trustline.signer.limits.Grant takeRateTokens(List<dev.trustline.signer.limits.RateBucket> buckets, long n)
            throws StoreException {
        return store.takeRateTokens(buckets, n);
    }
}
