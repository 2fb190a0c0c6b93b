package dev.trustline.signer.issuance;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.policy.Policy;
import dev.trustline.core.x509.Digests;
import dev.trustline.signer.ca.IssuingCa;
import dev.trustline.signer.limits.Grant;
import dev.trustline.signer.limits.RateLimiter;
import dev.trustline.signer.store.BatchResultRow;
import dev.trustline.signer.store.IssuedDevice;
import dev.trustline.signer.store.QuotaLimits;
import dev.trustline.signer.store.Refusal;
import dev.trustline.signer.store.IssuanceStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * One chunk of a batch, start to end, never reaching back: parse and check every line (in parallel),
 * refuse duplicates, take rate-limit tokens, sign (in parallel), then commit the registry rows and
 * ledger entries of the whole chunk in one durable transaction before any result is returned.
 */
final class ChunkProcessor {
    private static final System.Logger LOG = System.getLogger("dev.trustline.signer.issuance");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final IssuingCa ca;
    private final LeafIssuer issuer;
    private final IssuanceStore store;
    private final RateLimiter limiter;
    private final ExecutorService workers;
    private final Clock clock;
    private final IssuanceEvents events;

    ChunkProcessor(IssuingCa ca, LeafIssuer issuer, IssuanceStore store, RateLimiter limiter, ExecutorService workers, Clock clock,
                   IssuanceEvents events) {
        this.events = events;
        this.ca = ca;
        this.issuer = issuer;
        this.store = store;
        this.limiter = limiter;
        this.workers = workers;
        this.clock = clock;
    }

    /** Results for {@code lineNos} (1-based) of {@code lines}, committed ones as the store returned them. */
    List<LineResult> process(String batchId, String station, Policy policy, List<String> lines, List<Integer> lineNos,
                             Set<String> seenInBatch) throws TrustLineException {
        return process(batchId, station, policy, lines, lineNos, seenInBatch, null);
    }

    /**
     * As above; {@code reenrolFrom}, when not null, makes every issued line a re-enrolment that replaces exactly that
     * current certificate (checked again inside the commit) and keeps the device's lifecycle state.
     */
    List<LineResult> process(String batchId, String station, Policy policy, List<String> lines, List<Integer> lineNos,
                             Set<String> seenInBatch, String reenrolFrom) throws TrustLineException {
        Map<Integer, LineResult> transient_ = new TreeMap<>();
        List<Refusal> refusals = new ArrayList<>();
        List<DeviceLine> ok = checked(station, policy, lines, lineNos, refusals);
        ok = notDuplicates(ok, station, policy, refusals, seenInBatch);
        ok = notKeyReuse(ok, station, policy, refusals);
        ok = withinQuota(ok, station, policy, refusals);
        ok = hsmAvailable(ok, transient_);
        ok = withinRate(ok, station, policy, transient_);
        List<IssuedDevice> issued = sign(ok, station, policy, transient_, refusals, reenrolFrom);
        long commitStart = System.nanoTime();
        List<BatchResultRow> committed = commit(batchId, issued, refusals, policy);
        events.committed(Duration.ofNanos(System.nanoTime() - commitStart));
        Map<Integer, LineResult> all = new TreeMap<>(transient_);
        committed.forEach(r -> all.put(r.lineNo(), fromRow(r)));
        return List.copyOf(all.values());
    }

    /**
     * The chunk's one durable transaction. If it fails, the chunk's signed certificates exist only in
     * this method's memory: they are never returned to the client; their serials and fingerprints are
     * logged as discarded (signed, not committed, never handed out), and the lines are processed anew
     * on a retry.
     */
    private List<BatchResultRow> commit(String batchId, List<IssuedDevice> issued, List<Refusal> refusals, Policy policy)
            throws TrustLineException {
        try {
            return store.commitChunk(batchId, issued, refusals, quota(policy), clock.instant()).lines();
        } catch (TrustLineException | RuntimeException e) {
            if (!issued.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "batch " + batchId + ": the commit failed; " + issued.size()
                        + " certificates signed but not committed were discarded, never handed out (line:serial:sha256) "
                        + String.join(" ", issued.stream().map(d -> d.lineNo() + ":" + d.serialHex() + ":" + d.fingerprintSha256()).toList()));
            }
            throw e;
        }
    }

    private List<DeviceLine> checked(String station, Policy policy, List<String> lines, List<Integer> lineNos,
                                     List<Refusal> refusals) throws TrustLineException {
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int n : lineNos) {
            tasks.add(() -> {
                try {
                    DeviceLine line = DeviceLineParser.parse(n, lines.get(n - 1));
                    DeviceChecks.check(line, policy);
                    return line;
                } catch (LineRefused e) {
                    return new Refusal(n, deviceIdOf(lines.get(n - 1)), station, operatorOf(lines.get(n - 1)), policy.id(),
                            e.code(), LineText.printable(e.getMessage()), !e.code().startsWith("malformed"));
                } catch (RuntimeException e) {
                    return new Refusal(n, deviceIdOf(lines.get(n - 1)), station, operatorOf(lines.get(n - 1)), policy.id(),
                            "malformed-line", "the line cannot be read (" + e.getClass().getSimpleName() + ")", false);
                }
            });
        }
        List<DeviceLine> ok = new ArrayList<>();
        for (Object o : runAll(tasks)) {
            if (o instanceof DeviceLine d) {
                ok.add(d);
            } else {
                refusals.add((Refusal) o);
            }
        }
        return ok;
    }

    private List<DeviceLine> notDuplicates(List<DeviceLine> lines, String station, Policy policy, List<Refusal> refusals,
                                           Set<String> seen) throws TrustLineException {
        Set<String> existing = store.existingDevices(lines.stream().map(DeviceLine::deviceId).toList());
        List<DeviceLine> ok = new ArrayList<>();
        for (DeviceLine d : lines) {
            String refusal = duplicateReason(d, policy, existing, seen);
            if (refusal == null && d.reissue() && existing.contains(d.deviceId())) {
                refusal = otherPolicy(d, policy);
            }
            if (refusal == null) {
                ok.add(d);
            } else {
                refusals.add(new Refusal(d.lineNo(), d.deviceId(), station, d.operator(), policy.id(),
                        refusal.startsWith("re-issue") ? "reissue-not-allowed" : Refusal.DUPLICATE_DEVICE, refusal, true));
            }
        }
        return ok;
    }

    /**
     * A refurbished device may be re-issued only under the policy that issued it, and never once it is revoked or
     * retired (both final in the lifecycle).
     */
    private String otherPolicy(DeviceLine d, Policy policy) throws TrustLineException {
        var current = store.deviceInLifecycle(d.deviceId());
        if (current.isPresent() && !current.get().policyId().equals(policy.id())) {
            return "re-issue of device " + d.deviceId() + " refused: it was issued under another policy";
        }
        var state = current.map(dev.trustline.signer.store.DeviceRecord::state);
        if (state.isPresent() && (state.get() == dev.trustline.signer.store.DeviceState.REVOKED
                || state.get() == dev.trustline.signer.store.DeviceState.RETIRED)) {
            return "re-issue of device " + d.deviceId() + " refused: it is " + state.get().code()
                    + ", and a revoked or retired device is never issued again";
        }
        return null;
    }

    private static String duplicateReason(DeviceLine d, Policy policy, Set<String> existing, Set<String> seen) {
        if (!seen.add(d.deviceId())) {
            return "device " + d.deviceId() + " appears twice in this batch";
        }
        if (d.reissue() && !policy.reissue().allowed()) {
            return "re-issue of device " + d.deviceId() + " is not allowed by policy " + policy.id();
        }
        if (existing.contains(d.deviceId()) && !d.reissue()) {
            return "device " + d.deviceId() + " already has a certificate (send \"reissue\": true if the policy allows refurbishment)";
        }
        return null;
    }

    /** A public key certified for another device (or twice in this chunk) is refused before signing; the commit re-checks. */
    private List<DeviceLine> notKeyReuse(List<DeviceLine> lines, String station, Policy policy, List<Refusal> refusals)
            throws TrustLineException {
        Map<Integer, String> keys = new java.util.HashMap<>();
        for (DeviceLine d : lines) {
            keys.put(d.lineNo(), dev.trustline.signer.store.Store.publicKeyHash(d.request().publicKey()));
        }
        Map<String, String> owners = new java.util.HashMap<>(store.keyOwners(new HashSet<>(keys.values())));
        List<DeviceLine> ok = new ArrayList<>();
        for (DeviceLine d : lines) {
            String owner = owners.putIfAbsent(keys.get(d.lineNo()), d.deviceId());
            if (owner == null || owner.equals(d.deviceId())) {
                ok.add(d);
            } else {
                refusals.add(new Refusal(d.lineNo(), d.deviceId(), station, d.operator(), policy.id(), "key-reuse",
                        "the CSR's public key is already certified for another device", true));
            }
        }
        return ok;
    }

    /** Lines beyond the quota left now are refused before signing (the commit re-checks under concurrency). */
    private List<DeviceLine> withinQuota(List<DeviceLine> lines, String station, Policy policy, List<Refusal> refusals)
            throws TrustLineException {
        long remaining = store.quotaRemaining(quota(policy), clock.instant());
        if (lines.size() <= remaining) {
            return lines;
        }
        for (DeviceLine d : lines.subList((int) remaining, lines.size())) {
            refusals.add(new Refusal(d.lineNo(), d.deviceId(), station, d.operator(), policy.id(), Refusal.OVER_QUOTA,
                    "policy " + policy.id() + " has no certificates left in its daily or total quota", true));
        }
        return lines.subList(0, (int) remaining);
    }

    private static QuotaLimits quota(Policy policy) {
        return new QuotaLimits(policy.id(), policy.limits().perDay(), policy.limits().total());
    }

    /** While the HSM token is lost, lines are not signed (nor rate tokens spent): retry with hsm-unavailable. */
    private List<DeviceLine> hsmAvailable(List<DeviceLine> lines, Map<Integer, LineResult> out) {
        if (lines.isEmpty() || ca.token().available()) {
            return lines;
        }
        lines.forEach(d -> out.put(d.lineNo(), hsmUnavailable(d)));
        return List.of();
    }

    private static LineResult hsmUnavailable(DeviceLine d) {
        return LineResult.retry(d.lineNo(), d.deviceId(), LineResult.HSM_UNAVAILABLE,
                "the signer's HSM is unavailable; it reconnects by itself: retry the batch later",
                dev.trustline.signer.ca.TokenKeeper.RETRY.plusSeconds(1));
    }

    /** One take for the whole chunk (not one per line): the first lines granted sign, the rest get rate-limited. */
    private List<DeviceLine> withinRate(List<DeviceLine> lines, String station, Policy policy, Map<Integer, LineResult> out)
            throws TrustLineException {
        if (lines.isEmpty()) {
            return lines;
        }
        Grant grant = limiter.takeUpTo(policy.id() + "|" + station, policy.id(), lines.size());
        int granted = (int) grant.granted();
        for (DeviceLine d : lines.subList(granted, lines.size())) {
            out.put(d.lineNo(), LineResult.retry(d.lineNo(), d.deviceId(), "rate-limited",
                    "over the " + grant.limitedBy() + " rate limit of policy " + policy.id() + "; retry the batch later",
                    grant.retryAfter()));
        }
        return lines.subList(0, granted);
    }

    private List<IssuedDevice> sign(List<DeviceLine> lines, String station, Policy policy, Map<Integer, LineResult> out,
                                    List<Refusal> refusals, String reenrolFrom) throws TrustLineException {
        List<Callable<Object>> tasks = new ArrayList<>();
        for (DeviceLine d : lines) {
            tasks.add(() -> {
                try {
                    return issued(d, issuer.issue(policy, d.deviceId(), d.request().publicKey(), clock.instant()), station,
                            policy, reenrolFrom);
                } catch (dev.trustline.core.policy.PolicyException e) {
                    return new Refusal(d.lineNo(), d.deviceId(), station, d.operator(), policy.id(), "policy-template",
                            LineText.printable(e.getMessage()), true);
                } catch (dev.trustline.core.lint.LintException e) {
                    return new Refusal(d.lineNo(), d.deviceId(), station, d.operator(), policy.id(), "lint-failed",
                            LineText.printable(e.getMessage()), true);
                } catch (TrustLineException | RuntimeException e) {
                    if (ca.token().failed(e)) {
                        return hsmUnavailable(d);
                    }
                    LOG.log(System.Logger.Level.ERROR, "device " + d.deviceId() + ": signing failed: " + e.getMessage(), e);
                    return LineResult.retry(d.lineNo(), d.deviceId(), "signing-failed",
                            "the signer could not sign this device now; retry the batch", Duration.ofSeconds(5));
                }
            });
        }
        List<IssuedDevice> issued = new ArrayList<>();
        for (Object o : runAll(tasks)) {
            if (o instanceof IssuedDevice i) {
                issued.add(i);
            } else if (o instanceof Refusal r) {
                refusals.add(r);
            } else {
                LineResult r = (LineResult) o;
                out.put(r.lineNo(), r);
            }
        }
        return issued;
    }

    private IssuedDevice issued(DeviceLine d, dev.trustline.core.x509.TbsSigner.Signed signed, String station, Policy policy,
                                String reenrolFrom) {
        X509CertificateHolder cert = signed.holder();
        byte[] der = signed.der();
        return new IssuedDevice(d.deviceId(), dev.trustline.core.x509.Serials.hex(cert.getSerialNumber()), Digests.sha256Hex(der), ca.fingerprint(),
                policy.id(), policy.version(), d.sku(), d.hwRev(), station, d.operator(), d.lineNo(), der, d.reissue(),
                d.reissue() && policy.reissue().revokePrevious(),
                new dev.trustline.signer.store.Provenance(d.firmwareBuild(), d.specVersion(), policy.factory(), d.manufacturedAt()),
                reenrolFrom, dev.trustline.signer.store.Store.publicKeyHash(cert.getSubjectPublicKeyInfo()));
    }

    static LineResult fromRow(BatchResultRow r) {
        boolean ok = r.status() == dev.trustline.signer.store.LineStatus.ISSUED;
        return new LineResult(r.lineNo(), r.deviceId(), ok ? LineResult.Status.ISSUED : LineResult.Status.REFUSED,
                r.errorCode(), r.message(), r.serialHex(), r.fingerprintSha256(), r.certificateDer(), null);
    }

    private List<Object> runAll(List<Callable<Object>> tasks) throws TrustLineException {
        try {
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : workers.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrustLineException("interrupted", e);
        } catch (ExecutionException e) {
            throw new TrustLineException("a worker failed: " + e.getCause(), e);
        }
    }

    private static String deviceIdOf(String line) {
        return field(line, "device_id");
    }

    private static String operatorOf(String line) {
        String op = field(line, "operator");
        return op == null || op.isBlank() ? "unknown" : op;
    }

    private static String field(String line, String name) {
        try {
            var node = JSON.readTree(line);
            String v = node != null && node.path(name).isTextual() ? node.path(name).asText() : null;
            return LineText.isClean(v) && v.length() <= 256 ? v : null;
        } catch (IOException e) {
            return null;
        }
    }
}
