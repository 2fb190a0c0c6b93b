package dev.trustline.signer.http;

import dev.trustline.core.TrustLineException;
import dev.trustline.signer.issuance.BatchService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
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

    public static SignerServer start(Settings s, BatchService service, List<X509CertificateHolder> chain, LifecycleApi lifecycle,
                                     X509CertificateHolder backendCa, X509CertificateHolder deviceIssuer) throws TrustLineException {
        Server server = new Server(new QueuedThreadPool(64, 4));
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        KeyStore tlsKeys = keyStore(s.keyStore(), s.keyStorePassword());
        ssl.setKeyStore(tlsKeys);
        ssl.setKeyStorePassword(new String(s.keyStorePassword()));
        ssl.setTrustStore(trustStore(s.stationCa(), backendCa, deviceIssuer));
        ssl.setNeedClientAuth(true);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
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
        Handler handler = s.overload().minRequestBytesPerSecond() > 0
                ? new MinimumDataRateHandler(api, s.overload().minRequestBytesPerSecond(), 0) : api;
        // a revoked station certificate is refused before anything else looks at the request
        server.setHandler(s.stationCrl() == null ? handler : new RevokedClients(handler, s.stationCrl(), s.stationCa()));
        try {
            server.start();
        } catch (Exception e) { // Jetty's start() declares Exception
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
