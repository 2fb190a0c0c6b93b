package dev.trustline.signer.http;

import dev.trustline.core.TrustLineException;
import dev.trustline.signer.issuance.BatchService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import dev.trustline.signer.ops.AccessLog;
import dev.trustline.signer.ops.SignerMetrics;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import dev.trustline.signer.config.OverloadConfig;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.server.Handler;
import dev.trustline.signer.tls.StationCrl;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * HTTPS with mandatory client certificates (Jetty 12): the server key from a PKCS#12, and only client
 * certificates issued by the station CA are accepted in the handshake.
 */
public final class SignerServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    private SignerServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    public record Settings(String host, int port, Path keyStore, char[] keyStorePassword, X509CertificateHolder stationCa,
                           long maxBytes, int maxLines, int idleTimeoutSeconds, OverloadConfig overload, StationCrl stationCrl) {
    }

    /**
     * The server's order, used whenever the client offers the suite: ChaCha20-Poly1305 first because the JDK's AES-GCM
     * runs without the CPU's AES and carry-less multiply instructions in the C1-compiled signer (bin/jvm options), at
     * ~40 MB/s against ~170 MB/s for ChaCha20-Poly1305 (measured here); then AES-GCM for clients without ChaCha20.
     * Only AEAD suites with forward secrecy.
     */
    static final String[] CIPHER_PREFERENCE = {
        "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    };

    public static SignerServer start(Settings s, BatchService service, List<X509CertificateHolder> chain, LifecycleApi lifecycle,
                                     X509CertificateHolder backendCa, X509CertificateHolder deviceIssuer) throws TrustLineException {
        return start(s, service, chain, lifecycle, backendCa, deviceIssuer, new SignerMetrics(), Duration.ofSeconds(30));
    }

    /**
     * Starts the API with request ids and an access log ({@link AccessLog}); a stop lets requests in
     * flight finish for up to {@code stopTimeout} (new ones get 503) before the listener closes.
     * {@code deviceIssuer} (may be null) is the intermediate, trusted for device client certificates
     * when a policy offers re-enrolment.
     */
    public static SignerServer start(Settings s, BatchService service, List<X509CertificateHolder> chain, LifecycleApi lifecycle,
                                     X509CertificateHolder backendCa, X509CertificateHolder deviceIssuer, SignerMetrics metrics,
                                     Duration stopTimeout) throws TrustLineException {
        Server server = new Server(new QueuedThreadPool(64, 4));
        server.setStopTimeout(stopTimeout.toMillis());
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        KeyStore tlsKeys = keyStore(s.keyStore(), s.keyStorePassword());
        ssl.setKeyStore(tlsKeys);
        ssl.setKeyStorePassword(new String(s.keyStorePassword()));
        ssl.setTrustStore(trustStore(s.stationCa(), backendCa, deviceIssuer));
        ssl.setNeedClientAuth(true);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setIncludeCipherSuites(CIPHER_PREFERENCE);
        ssl.setUseCipherSuitesOrder(true);
        HttpConfiguration cfg = new HttpConfiguration();
        cfg.addCustomizer(new SecureRequestCustomizer(false));
        cfg.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(cfg));
        connector.setHost(s.host());
        connector.setPort(s.port());
        connector.setIdleTimeout(s.idleTimeoutSeconds() * 1000L);
        server.addConnector(connector);
        ApiHandler api = new ApiHandler(service, chain, s.maxBytes(), s.maxLines(), lifecycle,
                CmpResponder.from(tlsKeys, s.keyStorePassword()))
                .admission(s.overload().maxConcurrentBatches(), s.overload().maxConcurrentPerStation())
                .bodyIdleTimeout(s.overload().bodyIdleTimeoutSeconds() * 1000L);
        // a body slower than the minimum rate is cut off (the read fails, 408) instead of holding a thread
        Handler guarded = s.overload().minRequestBytesPerSecond() > 0
                ? new MinimumDataRateHandler(api, s.overload().minRequestBytesPerSecond(), 0) : api;
        // a revoked station certificate is refused before anything else looks at the request
        guarded = s.stationCrl() == null ? guarded : new RevokedClients(guarded, s.stationCrl(), s.stationCa());
        // outermost: request ids and the access log (they see the 503s of shedding and revoked clients too); then the graceful stop
        server.setHandler(new GracefulHandler(new AccessLog(guarded, metrics)));
        try {
            server.start();
        } catch (Exception e) { // Jetty's start() declares Exception
            try {
                server.stop();
            } catch (Exception ignored) { // the start failure is what matters
                e.addSuppressed(ignored);
            }
            throw new TrustLineException("cannot start HTTPS on " + s.host() + ":" + s.port() + ": " + e.getMessage(), e);
        }
        return new SignerServer(server, connector);
    }

    private static KeyStore keyStore(Path file, char[] password) throws TrustLineException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new TrustLineException("cannot open TLS key store " + file + ": wrong password or not PKCS#12", e);
        }
    }

    /** Station CA, backend CA if any, and the issuing intermediate when devices may re-enrol with their certificates. */
    private static KeyStore trustStore(X509CertificateHolder stationCa, X509CertificateHolder backendCa,
                                       X509CertificateHolder deviceIssuer) throws TrustLineException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("station-ca", new JcaX509CertificateConverter().getCertificate(stationCa));
            if (backendCa != null) {
                ks.setCertificateEntry("backend-ca", new JcaX509CertificateConverter().getCertificate(backendCa));
            }
            if (deviceIssuer != null) {
                ks.setCertificateEntry("device-issuer", new JcaX509CertificateConverter().getCertificate(deviceIssuer));
            }
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new TrustLineException("cannot build the station trust store: " + e.getMessage(), e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws TrustLineException {
        try {
            server.stop();
        } catch (Exception e) { // Jetty's stop() declares Exception
            throw new TrustLineException("cannot stop the server: " + e.getMessage(), e);
        }
    }

    public void join() throws InterruptedException {
        server.join();
    }
}
