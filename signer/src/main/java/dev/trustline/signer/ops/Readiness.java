package dev.trustline.signer.ops;

import dev.trustline.core.x509.Bc;
import dev.trustline.signer.ca.IssuingCa;
import dev.trustline.signer.store.Store;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ready means: the HSM signs a random probe with the issuing key (and the signature verifies under the
 * intermediate certificate) and the database answers, each within the timeout. A change of state is
 * logged with its cause (not every probe, so a load balancer's polling does not flood the log).
 */
public final class Readiness implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);
    private final IssuingCa ca;
    private final Store store;
    private final Duration timeout;
    private final ExecutorService probes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "trustline-readyz");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean lastReady = true;

    /** The outcome: ready, or the problems found (generic words; the causes are in the log). */
    public record Result(boolean ready, List<String> problems) {
    }

    public Readiness(IssuingCa ca, Store store, Duration timeout) {
        this.ca = ca;
        this.store = store;
        this.timeout = timeout;
    }

    public Result check() {
        List<String> problems = new ArrayList<>();
        probe("hsm", this::hsmSigns, problems);
        probe("database", () -> store.ledgerHead(), problems);
        boolean ready = problems.isEmpty();
        if (ready != lastReady) {
            LOG.atLevel(ready ? org.slf4j.event.Level.INFO : org.slf4j.event.Level.WARN)
                    .log(ready ? "ready again" : "not ready: {}", String.join("; ", problems));
        }
        lastReady = ready;
        return new Result(ready, List.copyOf(problems));
    }

    private void probe(String what, Callable<?> probe, List<String> problems) {
        Future<?> f = probes.submit(probe);
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            LOG.warn("readiness: the {} did not answer within {} ms", what, timeout.toMillis());
            problems.add(what + ": no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(what + ": interrupted");
        } catch (Exception e) {
            if (lastReady) {
                LOG.warn("readiness: the {} probe failed", what, e.getCause() == null ? e : e.getCause());
            }
            problems.add(what + ": probe failed");
        }
    }

    private Object hsmSigns() throws Exception {
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        ContentSigner signer = ca.signer();
        signer.getOutputStream().write(challenge);
        byte[] signature = signer.getSignature();
        ContentVerifier v = new JcaContentVerifierProviderBuilder().setProvider(Bc.provider()).build(ca.intermediate())
                .get(signer.getAlgorithmIdentifier());
        v.getOutputStream().write(challenge);
        if (!v.verify(signature)) {
            throw new IllegalStateException("the HSM's probe signature does not verify under the intermediate certificate");
        }
        return signature;
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
