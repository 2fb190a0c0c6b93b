package dev.trustline.signer.http;

import dev.trustline.core.TrustLineException;
import dev.trustline.signer.revocation.DeviceRevocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The public listener (plain HTTP, no client authentication, as relying parties fetch CRLs and ask OCSP):
 * {@code GET /crl/NAME.crl} serves the current device CRL (DER) for each name the policies' CRL distribution
 * points use and for the intermediate's SHA-256; {@code POST /ocsp} (RFC 6960 A.1, body application/ocsp-request)
 * and {@code GET /ocsp/BASE64} answer OCSP. Nothing else is served here.
 */
public final class PublicServer implements AutoCloseable {
    private static final int MAX_OCSP = 16 * 1024;
    private final Server server;
    private final ServerConnector connector;

    private PublicServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    public static PublicServer start(String host, int port, DeviceRevocation revocation, List<String> crlNames)
            throws TrustLineException {
        Server server = new Server(new QueuedThreadPool(16, 2));
        HttpConfiguration cfg = new HttpConfiguration();
        cfg.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(cfg));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Routes(revocation, List.copyOf(crlNames)));
        try {
            server.start();
        } catch (Exception e) { // Jetty's start() declares Exception
            throw new TrustLineException("cannot start the public HTTP listener on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        return new PublicServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws TrustLineException {
        try {
            server.stop();
        } catch (Exception e) { // Jetty's stop() declares Exception
            throw new TrustLineException("cannot stop the public listener: " + e.getMessage(), e);
        }
    }

    private static final class Routes extends Handler.Abstract {
        private final DeviceRevocation revocation;
        private final List<String> crlNames;

        Routes(DeviceRevocation revocation, List<String> crlNames) {
            this.revocation = revocation;
            this.crlNames = crlNames;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            try {
                if (method.equals("GET") && path.startsWith("/crl/") && path.endsWith(".crl")
                        && crlNames.contains(path.substring(5, path.length() - 4))) {
                    send(response, callback, 200, "application/pkix-crl", revocation.current().der());
                } else if (method.equals("POST") && path.startsWith("/ocsp")) {
                    send(response, callback, 200, "application/ocsp-response", revocation.ocsp(body(request)));
                } else if (method.equals("GET") && path.startsWith("/ocsp/")) {
                    byte[] req = Base64.getDecoder().decode(URLDecoder.decode(path.substring(6), StandardCharsets.UTF_8));
                    send(response, callback, 200, "application/ocsp-response", revocation.ocsp(req));
                } else {
                    send(response, callback, 404, "text/plain", ("not found: " + method + " " + path + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException | IOException e) {
                send(response, callback, 400, "text/plain", "malformed request\n".getBytes(StandardCharsets.UTF_8));
            } catch (TrustLineException | RuntimeException e) {
                String id = Failures.log(method + " " + path, e);
                send(response, callback, 503, "text/plain", ("the signer could not answer now; try again (request id "
                        + id + ")\n").getBytes(StandardCharsets.UTF_8));
            }
            return true;
        }

        private static byte[] body(Request request) throws IOException {
            if (request.getLength() > MAX_OCSP) {
                throw new IOException("too large");
            }
            try (InputStream in = Request.asInputStream(request)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[4096];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    out.write(buf, 0, n);
                    if (out.size() > MAX_OCSP) {
                        throw new IOException("too large");
                    }
                }
                return out.toByteArray();
            }
        }

        private static void send(Response response, Callback callback, int status, String type, byte[] body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
