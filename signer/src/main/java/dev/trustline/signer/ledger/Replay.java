package dev.trustline.signer.ledger;

import dev.trustline.core.chain.CanonicalJson;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry a ledger implies, rebuilt by applying its entries in order: every batches,
 * batch_results, devices and device_certificates row and every quota counter the store must
 * hold, value for value. Also the ledger's own rules (a batch registered before its lines,
 * each line answered once, each certificate issued once, a re-issue replacing the device's
 * current certificate). Holds no certificate bytes: about 400 bytes per device.
 */
public final class Replay {

    public record Batch(long seq, String batchId, String station, String policyId,
            String contentSha256, int lines, String createdAt) {
    }

    public record ResultKey(String batchId, int line) {
    }

    /** A batch_results row; serial and fingerprint null for a refused line. */
    public record Result(long seq, String deviceId, String status, String errorCode,
            String message, String serial, String fingerprint) {
    }

    public record Device(long seq, String deviceId, String serial, String fingerprint,
            String issuerFingerprint, String policyId, long policyVersion, String sku,
            String hwRev, String batchId, int line, String station, String operator,
            String issuedAt, String state) {
    }

    /** A device_certificates row: the device row as it was, and what superseded it. */
    public record Previous(Device device, long seq, String supersededAt, String supersededBy,
            boolean revoked) {
    }

    public record QuotaKey(String policyId, String period) {
    }

    public static final String TOTAL = "total";

    private final Map<String, Batch> batches = new LinkedHashMap<>();
    private final Map<ResultKey, Result> results = new HashMap<>();
    private final Map<String, Device> devices = new HashMap<>();
    private final Map<String, Previous> history = new HashMap<>();
    private final Map<QuotaKey, Long> quotas = new HashMap<>();
    private final Map<String, Long> issuedIn = new HashMap<>();
    private final LifecycleReplay lifecycle = new LifecycleReplay();
    private final Map<String, String> keys = new HashMap<>();

    /** Applies entry {@code seq}, written at {@code time}. */
    public void apply(long seq, String time, Payload payload) throws LedgerProblem {
        if (payload instanceof BatchEntry b) {
            batch(seq, time, b);
        } else if (payload instanceof IssuedEntry i) {
            issued(seq, time, i);
        } else if (payload instanceof RefusedEntry r) {
            refused(seq, r);
        } else if (payload instanceof TransitionEntry t) {
            lifecycle.transition(seq, time, t, devices.get(t.deviceId()));
        } else if (payload instanceof RevokedEntry r) {
            lifecycle.revoked(seq, time, r, devices.get(r.deviceId()));
        } else if (payload instanceof CrlEntry c) {
            lifecycle.crl(seq, c);
        }
    }

    private void batch(long seq, String time, BatchEntry b) throws LedgerProblem {
        Batch before = batches.putIfAbsent(b.batchId(), new Batch(seq, b.batchId(), b.station(),
                b.policyId(), b.contentSha256(), b.lines(), time));
        if (before != null) {
            throw problem(seq, "batch " + b.batchId() + " was already registered in entry "
                    + before.seq());
        }
    }

    private void issued(long seq, String time, IssuedEntry i) throws LedgerProblem {
        line(seq, i.batchId(), i.line(), i.station(), i.policyId());
        if (!CanonicalJson.sha256Hex(i.certificate()).equals(i.fingerprint())) {
            throw problem(seq, "fingerprint is not the SHA-256 of the certificate");
        }
        Long first = issuedIn.putIfAbsent(i.fingerprint(), seq);
        if (first != null) {
            throw problem(seq, "certificate sha256 " + i.fingerprint()
                    + " was already issued in entry " + first);
        }
        Device current = devices.get(i.deviceId());
        replace(seq, time, i, current);
        if (i.keptState() != null) {
            lifecycle.reenrolled(seq, i, current);
        }
        key(seq, i);
        devices.put(i.deviceId(), new Device(seq, i.deviceId(), i.serial(), i.fingerprint(),
                i.issuerFingerprint(), i.policyId(), i.policyVersion(), i.sku(), i.hwRev(),
                i.batchId(), i.line(), i.station(), i.operator(), time,
                i.keptState() != null ? i.keptState() : i.reissue() ? "refurbished" : "issued"));
        results.put(new ResultKey(i.batchId(), i.line()), new Result(seq, i.deviceId(), "issued",
                null, null, i.serial(), i.fingerprint()));
        quotas.merge(new QuotaKey(i.policyId(), TOTAL), 1L, Long::sum);
        quotas.merge(new QuotaKey(i.policyId(), time.substring(0, 10)), 1L, Long::sum);
    }

    /** The device_keys row a certificate implies (none when its bytes are no certificate). */
    private void key(long seq, IssuedEntry i) throws LedgerProblem {
        String key = keyHash(i.certificate());
        if (key == null) {
            return;
        }
        String owner = keys.putIfAbsent(key, i.deviceId());
        if (owner != null && !owner.equals(i.deviceId())) {
            throw problem(seq, "certifies for " + i.deviceId() + " a public key already certified"
                    + " for " + owner);
        }
    }

    /** SHA-256 (hex) of the certificate's DER SubjectPublicKeyInfo, or null if it is none. */
    static String keyHash(byte[] der) {
        try {
            return CanonicalJson.sha256Hex(new org.bouncycastle.cert.X509CertificateHolder(der)
                    .getSubjectPublicKeyInfo().getEncoded("DER"));
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private void replace(long seq, String time, IssuedEntry i, Device current)
            throws LedgerProblem {
        if (!i.reissue()) {
            if (current != null) {
                throw problem(seq, "device " + i.deviceId() + " already holds a certificate"
                        + " (entry " + current.seq() + ") and this is no re-issue");
            }
            return;
        }
        if (current == null || !current.fingerprint().equals(i.previousFingerprint())) {
            throw problem(seq, "re-issue of device " + i.deviceId() + " replaces "
                    + i.previousFingerprint() + ", which is not its current certificate");
        }
        history.put(current.fingerprint(), new Previous(current, seq, time, i.fingerprint(),
                i.revokePrevious()));
    }

    private void refused(long seq, RefusedEntry r) throws LedgerProblem {
        line(seq, r.batchId(), r.line(), r.station(), r.policyId());
        results.put(new ResultKey(r.batchId(), r.line()), new Result(seq, r.deviceId(),
                "refused", r.code(), r.message(), null, null));
    }

    /** The line must belong to a registered batch, by its station, and be answered once. */
    private void line(long seq, String batchId, int line, String station, String policyId)
            throws LedgerProblem {
        Batch b = batches.get(batchId);
        if (b == null) {
            throw problem(seq, "batch " + batchId + " is not registered by an earlier entry");
        }
        if (line > b.lines() || !b.station().equals(station)
                || (policyId != null && !b.policyId().equals(policyId))) {
            throw problem(seq, "line " + line + " does not fit batch " + batchId + " (entry "
                    + b.seq() + ": " + b.lines() + " lines, station " + b.station()
                    + ", policy " + b.policyId() + ")");
        }
        Result before = results.get(new ResultKey(batchId, line));
        if (before != null) {
            throw problem(seq, "line " + line + " of batch " + batchId
                    + " was already answered in entry " + before.seq());
        }
    }

    /** The lifecycle rows (states, transitions, revocations, CRLs). */
    public LifecycleReplay lifecycle() {
        return lifecycle;
    }

    /** The device_keys rows: public-key SHA-256 to device. */
    public Map<String, String> keys() {
        return keys;
    }

    public Map<String, Batch> batches() {
        return batches;
    }

    public Map<ResultKey, Result> results() {
        return results;
    }

    public Map<String, Device> devices() {
        return devices;
    }

    public Map<String, Previous> history() {
        return history;
    }

    public Map<QuotaKey, Long> quotas() {
        return quotas;
    }

    private static LedgerProblem problem(long seq, String why) {
        return new LedgerProblem(seq, "ledger entry " + seq + ": " + why);
    }
}
