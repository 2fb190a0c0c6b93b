package dev.trustline.signer.ops;

import dev.trustline.core.TrustLineException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The operations listener, plain HTTP on its own port (127.0.0.1 by default): {@code /metrics}
 * (Prometheus), {@code /healthz} (the process is alive) and {@code /readyz} (the HSM signs a probe
 * and the database answers; 503 otherwise). The mTLS listener keeps the API.
 */
public final class AdminServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    private AdminServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    public static AdminServer start(String host, int port, SignerMetrics metrics, Readiness readiness) throws TrustLineException {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("trustline-admin");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Endpoints(metrics, readiness));
        try {
            server.start();
        } catch (Exception e) { // Jetty's start() declares Exception
            stopQuietly(server);
            throw new TrustLineException("cannot start the admin listener on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new AdminServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) { // Jetty's stop() declares Exception
            org.slf4j.LoggerFactory.getLogger(AdminServer.class).warn("the admin listener did not stop cleanly", e);
        }
    }

    private static final class Endpoints extends Handler.Abstract {
        private final SignerMetrics metrics;
        private final Readiness readiness;

        Endpoints(SignerMetrics metrics, Readiness readiness) {
            this.metrics = metrics;
            this.readiness = readiness;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            if (!request.getMethod().equals("GET")) {
                send(response, callback, 405, "only GET\n");
            } else if (path.equals("/metrics")) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                write(response, callback, 200, metrics.scrape());
            } else if (path.equals("/healthz")) {
                send(response, callback, 200, "ok\n");
            } else if (path.equals("/readyz")) {
                Readiness.Result r = readiness.check();
                send(response, callback, r.ready() ? 200 : 503, r.ready() ? "ready\n" : "not ready: " + String.join("; ", r.problems()) + "\n");
            } else {
                send(response, callback, 404, "no such endpoint (try /metrics, /healthz, /readyz)\n");
            }
            return true;
        }

        private static void send(Response response, Callback callback, int status, String body) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            write(response, callback, status, body);
        }

        private static void write(Response response, Callback callback, int status, String body) {
            response.setStatus(status);
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }
}
