package dev.trustline.signer.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.policy.Policy;
import dev.trustline.signer.ca.IssuingCa;
import dev.trustline.signer.ca.IssuingCaLoader;
import dev.trustline.signer.ca.SignedPolicies;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.http.LifecycleApi;
import dev.trustline.signer.http.PublicServer;
import dev.trustline.signer.http.SignerServer;
import dev.trustline.signer.tls.StationCrl;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.trustline.signer.issuance.BatchService;
import dev.trustline.signer.ca.HsmCheckpointSigner;
import dev.trustline.signer.store.CheckpointedStore;
import dev.trustline.signer.store.Store;
import dev.trustline.core.x509.Pem;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.bouncycastle.cert.X509CertificateHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Starts the signer: every check happens before the port opens (trust anchor, intermediate chain,
 * HSM key match, each policy's root signature and scope, the station CA), and any failure stops it
 * with one clear line.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the signer's HTTPS/mTLS API.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "signer.yaml")
    Path config;

    @Spec
    CommandSpec spec;

    /** A running signer: server, public listener (CRL, OCSP; may be null), service and store, closed together. */
    public record Running(SignerServer server, PublicServer publicServer, BatchService service, Store store,
                          LifecycleApi lifecycle, ScheduledExecutorService scheduler,
                          CheckpointedStore checkpoints) implements AutoCloseable {
        @Override
        public void close() throws TrustLineException {
            scheduler.shutdownNow();
            server.close();
            if (publicServer != null) {
                publicServer.close();
            }
            service.close();
            checkpoints.close();
            store.close();
        }
    }

    public static Running start(SignerConfig c, Clock clock) throws TrustLineException {
        return start(c, clock, null, c.port());
    }

    /** As {@link #start(SignerConfig, Clock)} for an unsealed signer: the officers' PIN, the port its sealed listener had. */
    public static Running start(SignerConfig c, Clock clock, char[] pin, int port) throws TrustLineException {
        Instant now = clock.instant();
        IssuingCa ca = IssuingCaLoader.load(c, now, pin);
        X509CertificateHolder stationCa = Pem.certificate(c.stationCa());
        if (!IssuingCaLoader.verifies(stationCa, ca.root())) {
            throw new TrustLineException(c.stationCa() + " (" + stationCa.getSubject() + ") is not certified by the root " + ca.root().getSubject());
        }
        SignedPolicies policies = SignedPolicies.load(c.policies(), ca, now);
        X509CertificateHolder backendCa = LifecycleWiring.backendCa(c, ca);
        Store store = openStore(c);
        LifecycleApi lifecycle = LifecycleWiring.api(c, ca, policies, store, backendCa, clock);
        CheckpointedStore checkpoints = new CheckpointedStore(store,
                new HsmCheckpointSigner(ca, c.ledger().signerName()), c.ledger().everyEntries(),
                c.ledger().every(), clock);
        BatchService service = new BatchService(ca, policies, checkpoints, c.workers(), clock);
        char[] tlsPassword = c.tlsPassword().read(c.file().toAbsolutePath().getParent());
        PublicServer publicServer = null;
        try {
            SignerServer server = SignerServer.start(new SignerServer.Settings(c.host(), port, c.tlsKeyStore(), tlsPassword,
                    stationCa, c.maxRequestBytes(), c.maxLines(), c.requestTimeoutSeconds(), c.overload(),
                    c.stationCrl() == null ? null : StationCrl.load(c.stationCrl(), stationCa)), service, ca.chain(),
                    lifecycle, backendCa, LifecycleWiring.deviceIssuer(policies, ca));
            if (c.lifecycle().publicHost() != null) {
                publicServer = PublicServer.start(c.lifecycle().publicHost(), c.lifecycle().publicPort(),
                        lifecycle.revocation(), lifecycle.crlNames());
            }
            return new Running(server, publicServer, service, store, lifecycle, crlSchedule(lifecycle, c),
                    checkpoints);
        } finally {
            Arrays.fill(tlsPassword, '\0');
        }
    }

    /** Re-publishes the device CRL before it goes stale (a stale one is also replaced when it is fetched). */
    private static ScheduledExecutorService crlSchedule(LifecycleApi lifecycle, SignerConfig c) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trustline-crl");
            t.setDaemon(true);
            return t;
        });
        long minutes = c.lifecycle().crlRefresh().toMinutes();
        s.scheduleWithFixedDelay(() -> {
            try {
                lifecycle.revocation().current();
            } catch (TrustLineException | RuntimeException e) {
                System.err.println("signer: scheduled CRL publication failed: " + e.getMessage());
            }
        }, minutes, minutes, TimeUnit.MINUTES);
        return s;
    }

    static Store openStore(SignerConfig c) throws TrustLineException {
        if (c.sqlite() != null) {
            return Store.openSqlite(c.sqlite());
        }
        char[] pw = c.postgresPassword().read(c.file().toAbsolutePath().getParent());
        try {
            return Store.openPostgres(c.postgresUrl(), c.postgresUser(), pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    @Override
    public Integer call() throws Exception {
        SignerConfig loaded = SignerConfig.load(config);
        var out = spec.commandLine().getOut();
        Running running = loaded.quorum() != null ? SealedServe.awaitUnseal(loaded, Clock.systemUTC(), out)
                : start(loaded, Clock.systemUTC());
        for (Policy p : running.service().policies().all()) {
            out.println("policy " + p.id() + " v" + p.version() + " (" + p.environment().name().toLowerCase(java.util.Locale.ROOT)
                    + "): root signature OK; stations " + String.join(", ", p.stations()));
        }
        if (running.publicServer() != null) {
            out.println("CRL and OCSP on http://" + loaded.lifecycle().publicHost() + ":" + running.publicServer().port()
                    + " (/crl/NAME.crl, /ocsp; no client authentication)");
        }
        out.println("signer listening on https://" + loaded.host() + ":" + running.server().port() + " (mTLS)");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (TrustLineException e) {
                System.err.println("error: " + e.getMessage());
            }
        }));
        running.server().join();
        return 0;
    }
}
