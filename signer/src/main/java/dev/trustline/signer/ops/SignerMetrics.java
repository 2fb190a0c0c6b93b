package dev.trustline.signer.ops;

import dev.trustline.core.policy.Policy;
import dev.trustline.signer.issuance.BatchResult;
import dev.trustline.signer.issuance.IssuanceEvents;
import dev.trustline.signer.issuance.LineResult;
import dev.trustline.signer.store.QuotaLimits;
import dev.trustline.signer.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signer's metrics in Prometheus format (Micrometer): certificates issued, refused (by reason) and
 * retried per policy and station; HSM sign and database commit latency; requests in flight and shed;
 * quota left per policy, ledger length and last checkpoint age (read from the store at each scrape).
 */
public final class SignerMetrics implements IssuanceEvents {
    private static final Logger LOG = LoggerFactory.getLogger(SignerMetrics.class);
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)};
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter shed;
    private final Timer hsmSign;
    private final Timer dbCommit;

    public SignerMetrics() {
        Gauge.builder("trustline.http.requests.in.flight", inFlight, AtomicInteger::get)
                .description("API requests being handled now").register(registry);
        shed = Counter.builder("trustline.http.requests.shed").description("API requests refused with 503 and Retry-After")
                .register(registry);
        hsmSign = Timer.builder("trustline.hsm.sign").description("one HSM signature").serviceLevelObjectives(BUCKETS)
                .register(registry);
        dbCommit = Timer.builder("trustline.db.commit").description("one durable commit of a chunk's registry rows and ledger entries")
                .serviceLevelObjectives(BUCKETS).register(registry);
    }

    @Override
    public void batchDone(String station, BatchResult result, Duration took) {
        if (result.replayed()) {
            return; // nothing new happened: the stored results were sent again
        }
        String policy = result.policyId();
        count("trustline.certificates.issued", policy, station, null, result.count(LineResult.Status.ISSUED));
        byReason(result.lines(), LineResult.Status.REFUSED).forEach((reason, n) ->
                count("trustline.certificates.refused", policy, station, reason, n));
        byReason(result.lines(), LineResult.Status.RETRY).forEach((reason, n) ->
                count("trustline.certificates.retried", policy, station, reason, n));
    }

    private static Map<String, Long> byReason(List<LineResult> lines, LineResult.Status status) {
        return lines.stream().filter(l -> l.status() == status)
                .collect(Collectors.groupingBy(l -> l.code() == null ? "unknown" : l.code(), Collectors.counting()));
    }

    private void count(String name, String policy, String station, String reason, long n) {
        Counter.Builder b = Counter.builder(name).tag("policy", policy).tag("station", station);
        if (reason != null) {
            b = b.tag("reason", reason);
        }
        b.register(registry).increment(n);
    }

    @Override
    public void committed(Duration took) {
        dbCommit.record(took);
    }

    public void signed(Duration took) {
        hsmSign.record(took);
    }

    void requestStarted() {
        inFlight.incrementAndGet();
    }

    void requestFinished() {
        inFlight.decrementAndGet();
    }

    void shed() {
        shed.increment();
    }

    /** Gauges read from the store at each scrape: quota left per policy, ledger length, last checkpoint age. */
    public void watch(List<Policy> policies, Store store, Checkpoints checkpoints, Clock clock) {
        for (Policy p : policies) {
            QuotaLimits limits = new QuotaLimits(p.id(), p.limits().perDay(), p.limits().total());
            gauge("trustline.quota.remaining", "certificates the policy's daily and total quotas still allow", p.id(),
                    s -> (double) s.quotaRemaining(limits, clock.instant()), store);
        }
        gauge("trustline.ledger.entries", "entries in the issuance ledger", null, s -> (double) s.ledgerHead().entries(), store);
        Gauge.builder("trustline.ledger.checkpoint.age.seconds", checkpoints, c -> age(c, clock.instant())).strongReference(true)
                .description("seconds since the ledger's last checkpoint (NaN: none yet)").register(registry);
    }

    interface StoreRead {
        double read(Store s) throws Exception;
    }

    private void gauge(String name, String description, String policy, StoreRead read, Store store) {
        Function<Store, Double> safe = s -> {
            try {
                return read.read(s);
            } catch (Exception e) {
                LOG.warn("metric {} cannot be read from the database", name, e);
                return Double.NaN;
            }
        };
        Gauge.Builder<Store> b = Gauge.builder(name, store, safe::apply).strongReference(true).description(description);
        (policy == null ? b : b.tag("policy", policy)).register(registry);
    }

    private static double age(Checkpoints c, Instant now) {
        try {
            return c.last().map(t -> Duration.between(t, now).toMillis() / 1000.0).orElse(Double.NaN);
        } catch (Exception e) {
            LOG.warn("the last checkpoint's time cannot be read", e);
            return Double.NaN;
        }
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }
}
