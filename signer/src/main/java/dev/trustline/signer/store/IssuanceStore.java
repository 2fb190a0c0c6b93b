package dev.trustline.signer.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The port issuance uses: batches, devices, quotas and the ledger, each operation one
 * transaction. {@link Store} is the JDBC implementation (SQLite or PostgreSQL); tests may put a
 * fault-injecting one in its place.
 */
public interface IssuanceStore {

    /**
     * Registers a batch, or finds it registered before. NEW: first time. EXISTING: same id,
     * content, station, policy and line count, every line committed: return its results again.
     * RESUMED: the same but some lines not yet committed. CONFLICT: same id, anything else
     * different.
     *
     * A new batch gets a "batch" ledger entry at {@code now} (never before the ledger head's
     * time), which is also its {@code created_at}.
     *
     * @param contentSha256 SHA-256 of the batch's bytes, 64 hex digits
     * @param lines the number of lines, at least 1; lines are numbered from 1
     */
    BatchRegistration registerBatch(String batchId, String station, String policyId,
            String contentSha256, int lines, Instant now) throws StoreException;

    /** Who registered a batch, for which policy and how many lines; empty if no such batch. */
    Optional<BatchInfo> batchInfo(String batchId) throws StoreException;

    /** Every committed line of the batch, in line order; empty if none (or no such batch). */
    List<BatchResultRow> results(String batchId) throws StoreException;

    /** The device's registry row, if it has been issued a certificate. */
    Optional<DeviceRecord> device(String deviceId) throws StoreException;

    /**
     * The device's registry row with its lifecycle state: a transition's, if one applies to its
     * current certificate, else the state its issue gave it.
     */
    Optional<DeviceRecord> deviceInLifecycle(String deviceId) throws StoreException;

    /** Of {@code deviceIds}, those that already hold a certificate. */
    Set<String> existingDevices(Collection<String> deviceIds) throws StoreException;

    /**
     * The device each of {@code publicKeySha256} is already certified for: read before signing,
     * so a reused key is refused ({@code key-reuse}) before the HSM signs; the commit re-checks.
     */
    java.util.Map<String, String> keyOwners(Collection<String> publicKeySha256)
            throws StoreException;

    /**
     * How many more certificates the policy's quotas allow now (UTC day of {@code now} and
     * total): read before signing, so the HSM does not sign what the quota would discard; the
     * commit re-checks.
     */
    long quotaRemaining(QuotaLimits limits, Instant now) throws StoreException;

    /**
     * Commits one chunk of a batch durably, in one transaction: see {@link Store#commitChunk}.
     */
    CommitResult commitChunk(String batchId, List<IssuedDevice> issued, List<Refusal> refusals,
            QuotaLimits limits, Instant now) throws StoreException;

    /** True when several signer instances may share this database (then batches are processed under a lease). */
    boolean shared();

    /** Takes or renews {@code holder}'s lease on a registered batch until {@code now + ttl}; false if another holds it. */
    boolean leaseBatch(String batchId, String holder, Instant now, java.time.Duration ttl) throws StoreException;

    /** Ends {@code holder}'s lease on the batch. */
    void releaseBatch(String batchId, String holder) throws StoreException;

    /**
     * Rate-limit tokens from buckets kept in the database, so that every instance sharing it draws
     * on the same buckets: see {@link dev.trustline.signer.limits.SharedBuckets#take}. One write
     * transaction; refilled by the database's clock.
     */
    dev.trustline.signer.limits.Grant takeRateTokens(List<dev.trustline.signer.limits.RateBucket> buckets, long n)
            throws StoreException;
}
