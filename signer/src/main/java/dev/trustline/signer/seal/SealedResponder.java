package dev.trustline.signer.seal;

import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * What a sealed signer listens with: the same address, TLS key and client-certificate rule as the API,
 * and one answer to every request, 503 {"error":"sealed"} with Retry-After. It holds no CA key; the real
 * API replaces it on the same port once officers have unsealed the signer.
 */
final class SealedResponder implements AutoCloseable {
    static final String BODY = "{\"error\":\"sealed\",\"message\":\"the signer is sealed: officers must run bin/signer unseal\"}\n";

    private final Server server;
    private final ServerConnector connector;

    private SealedResponder(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static SealedResponder start(String host, int port, Path keyStore, char[] password, List<X509CertificateHolder> trusted)
            throws TrustLineException {
        Server server = new Server(new QueuedThreadPool(8, 2));
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(keyStore(keyStore, password));
        ssl.setKeyStorePassword(new String(password));
        ssl.setTrustStore(trustStore(trusted));
        ssl.setNeedClientAuth(true);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration cfg = new HttpConfiguration();
        cfg.addCustomizer(new SecureRequestCustomizer(false));
        cfg.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(cfg));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "30");
                response.write(true, ByteBuffer.wrap(BODY.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) { // Jetty's start() declares Exception
            throw new TrustLineException("cannot start HTTPS on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new SealedResponder(server, connector);
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws TrustLineException {
        try {
            server.stop();
            server.join();
        } catch (Exception e) {
            throw new TrustLineException("cannot stop the sealed listener: " + e.getMessage(), e);
        }
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

    private static KeyStore trustStore(List<X509CertificateHolder> trusted) throws TrustLineException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                ks.setCertificateEntry("trusted-" + i, new JcaX509CertificateConverter().getCertificate(trusted.get(i)));
            }
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new TrustLineException("cannot build the client trust store: " + e.getMessage(), e);
        }
    }
}
