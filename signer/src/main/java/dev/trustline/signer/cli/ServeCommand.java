package dev.trustline.signer.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.policy.Policy;
import dev.trustline.core.x509.Pem;
import dev.trustline.signer.ca.IssuingCa;
import dev.trustline.signer.ca.IssuingCaLoader;
import dev.trustline.signer.ca.SignedPolicies;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.http.LifecycleApi;
import dev.trustline.signer.http.PublicServer;
import dev.trustline.signer.http.SignerServer;
import dev.trustline.signer.issuance.BatchService;
import dev.trustline.signer.ops.AdminServer;
import dev.trustline.signer.ops.LogSetup;
import dev.trustline.signer.ops.Readiness;
import dev.trustline.signer.ops.SignerMetrics;
import dev.trustline.signer.ca.HsmCheckpointSigner;
import dev.trustline.signer.store.CheckpointedStore;
import dev.trustline.signer.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.Callable;
import dev.trustline.signer.tls.StationCrl;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts the signer: every check happens before the port opens (trust anchor, intermediate chain,
 * HSM key match, each policy's root signature and scope, the station CA), and any failure stops it
 * with one clear line after closing whatever was already opened. A stop (SIGTERM) lets requests in
 * flight finish within {@code listen.stop-timeout-seconds}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the signer's HTTPS/mTLS API and its admin listener.")
public final class ServeCommand implements Callable<Integer> {
    /**
     * Looked up on first use, not when picocli instantiates every subcommand: `bin/signer submit` and the other
     * client commands then never start Logback (~500 classes and an XML parse at start-up).
     */
    private static Logger log() {
        return LoggerFactory.getLogger(ServeCommand.class);
    }

    @Option(names = "--config", required = true, paramLabel = "signer.yaml")
    Path config;

    @Option(names = "--log-format", paramLabel = "text|json",
            description = "Log lines as text or JSON (default: log.format in signer.yaml, else text).")
    String logFormat;

    @Spec
    CommandSpec spec;

    /**
     * A running signer: API, public (CRL, OCSP; may be null) and admin listeners, readiness probe, CRL
     * schedule, service, the ledger's checkpointing and the store, closed together (the API first, so
     * requests in flight can finish; the checkpointing writes its shutdown checkpoint before the store closes).
     */
    public record Running(SignerServer server, PublicServer publicServer, AdminServer admin, Readiness readiness,
                          BatchService service, Store store, LifecycleApi lifecycle, ScheduledExecutorService scheduler,
                          SignerMetrics metrics, CheckpointedStore checkpoints) implements AutoCloseable {
        @Override
        public void close() throws TrustLineException {
            try {
                server.close();
            } finally {
                scheduler.shutdownNow();
                if (publicServer != null) {
                    publicServer.close();
                }
                admin.close();
                readiness.close();
                service.close();
                checkpoints.close();
                store.close();
            }
        }
    }

    public static Running start(SignerConfig c, Clock clock) throws TrustLineException {
        return start(c, clock, null, c.listen().port());
    }

    /** As {@link #start(SignerConfig, Clock)} for an unsealed signer: the officers' PIN, the port its sealed listener had. */
    public static Running start(SignerConfig c, Clock clock, char[] pin, int port) throws TrustLineException {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            return start(c, clock, pin, port, opened);
        } catch (TrustLineException | RuntimeException e) {
            while (!opened.isEmpty()) {
                try {
                    opened.pop().close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    private static Running start(SignerConfig c, Clock clock, char[] pin, int port, Deque<AutoCloseable> opened)
            throws TrustLineException {
        Instant now = clock.instant();
        IssuingCa ca = IssuingCaLoader.load(c, now, pin);
        X509CertificateHolder stationCa = Pem.certificate(c.trust().stationCa());
        if (!IssuingCaLoader.verifies(stationCa, ca.root())) {
            throw new TrustLineException(c.trust().stationCa() + " (" + stationCa.getSubject() + ") is not certified by the root "
                    + ca.root().getSubject());
        }
        SignedPolicies policies = SignedPolicies.load(c.policies(), ca, now);
        X509CertificateHolder backendCa = LifecycleWiring.backendCa(c, ca);
        SignerMetrics metrics = new SignerMetrics();
        ca.onSign(metrics::signed);
        Store store = openStore(c);
        opened.push(store);
        LifecycleApi lifecycle = LifecycleWiring.api(c, ca, policies, store, backendCa, clock);
        CheckpointedStore checkpoints = new CheckpointedStore(store,
                new HsmCheckpointSigner(ca, c.ledger().signerName()), c.ledger().everyEntries(),
                c.ledger().every(), clock);
        opened.push(checkpoints);
        BatchService service = new BatchService(ca, policies, checkpoints, c.limits().workers(), clock, metrics);
        opened.push(service);
        // the checkpoint age gauge reads the ledger's last signed checkpoint (its time is in the stored ISO form)
        metrics.watch(policies.all(), store, () -> store.lastCheckpoint().map(r -> Instant.parse(r.time())), clock);
        Readiness readiness = new Readiness(ca, store, Duration.ofSeconds(5));
        opened.push(readiness);
        AdminServer admin = AdminServer.start(c.admin().host(), c.admin().port(), metrics, readiness);
        opened.push(admin);
        ScheduledExecutorService scheduler = crlSchedule(lifecycle, c);
        opened.push(scheduler::shutdownNow);
        PublicServer publicServer = null;
        if (c.lifecycle().publicHost() != null) {
            publicServer = PublicServer.start(c.lifecycle().publicHost(), c.lifecycle().publicPort(),
                    lifecycle.revocation(), lifecycle.crlNames());
            opened.push(publicServer);
        }
        SignerServer server = api(c, port, service, ca, stationCa, lifecycle, backendCa,
                LifecycleWiring.deviceIssuer(policies, ca), metrics);
        return new Running(server, publicServer, admin, readiness, service, store, lifecycle, scheduler, metrics, checkpoints);
    }

    private static SignerServer api(SignerConfig c, int port, BatchService service, IssuingCa ca, X509CertificateHolder stationCa,
                                    LifecycleApi lifecycle, X509CertificateHolder backendCa, X509CertificateHolder deviceIssuer,
                                    SignerMetrics metrics) throws TrustLineException {
        char[] tlsPassword = c.tls().password().read(c.baseDir());
        try {
            return SignerServer.start(new SignerServer.Settings(c.listen().host(), port, c.tls().keyStore(), tlsPassword,
                    stationCa, c.limits().maxRequestBytes(), c.limits().maxLines(), c.limits().requestTimeoutSeconds(), c.overload(),
                    c.trust().stationCrl() == null ? null : StationCrl.load(c.trust().stationCrl(), stationCa)), service,
                    ca.chain(), lifecycle, backendCa, deviceIssuer, metrics, Duration.ofSeconds(c.listen().stopTimeoutSeconds()));
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
                log().error("scheduled CRL publication failed", e);
            }
        }, minutes, minutes, TimeUnit.MINUTES);
        return s;
    }

    static Store openStore(SignerConfig c) throws TrustLineException {
        SignerConfig.Database db = c.database();
        if (db.sqlite() != null) {
            return Store.openSqlite(db.sqlite());
        }
        char[] pw = db.postgresPassword().read(c.baseDir());
        try {
            return Store.openPostgres(db.postgresUrl(), db.postgresUser(), pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    @Override
    public Integer call() throws Exception {
        SignerConfig loaded = SignerConfig.load(config);
        SignerConfig.LogFormat format = logFormat == null ? loaded.logFormat() : SignerConfig.LogFormat.parse(logFormat);
        if (format == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--log-format must be text or json, not '" + logFormat + "'");
        }
        LogSetup.configure(format);
        var out = spec.commandLine().getOut();
        Running running = loaded.hsm().quorum() != null ? SealedServe.awaitUnseal(loaded, Clock.systemUTC(), out)
                : start(loaded, Clock.systemUTC());
        for (Policy p : running.service().policies().all()) {
            out.println("policy " + p.id() + " v" + p.version() + " (" + p.environment().name().toLowerCase(Locale.ROOT)
                    + "): root signature OK; stations " + String.join(", ", p.stations()));
        }
        if (running.publicServer() != null) {
            out.println("CRL and OCSP on http://" + loaded.lifecycle().publicHost() + ":" + running.publicServer().port()
                    + " (/crl/NAME.crl, /ocsp; no client authentication)");
        }
        out.println("signer listening on https://" + loaded.listen().host() + ":" + running.server().port() + " (mTLS); admin on http://"
                + loaded.admin().host() + ":" + running.admin().port() + " (/metrics, /healthz, /readyz)");
        out.flush();
        log().atInfo().addKeyValue("api_port", running.server().port()).addKeyValue("admin_port", running.admin().port()).log("signer started");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log().info("stopping: requests in flight may finish within {} s", loaded.listen().stopTimeoutSeconds());
            try {
                running.close();
                log().info("stopped");
            } catch (TrustLineException e) {
                log().error("the signer did not stop cleanly", e);
            }
        }, "trustline-stop"));
        running.server().join();
        return 0;
    }
}
