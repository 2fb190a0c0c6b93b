package dev.trustline.signer.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.signer.issuance.BatchRejected;
import dev.trustline.signer.issuance.BatchResult;
import dev.trustline.signer.issuance.BatchService;
import dev.trustline.signer.issuance.LineResult;
import dev.trustline.core.x509.Pem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.security.cert.X509Certificate;
import java.util.List;
import org.eclipse.jetty.io.EndPoint;
import org.bouncycastle.cert.X509CertificateHolder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The signer's HTTPS API. Only parsing, limits and status codes live here; the business rules are in
 * {@link BatchService}. The station identity is the client certificate's CN (mTLS is mandatory).
 * Malformed input gets a 4xx with a reason, never a 5xx.
 */
final class ApiHandler extends Handler.Abstract {
    private final BatchService service;
    private final List<X509CertificateHolder> chain;
    private final long maxBytes;
    private final int maxLines;
    private final LifecycleApi lifecycle;
    private Admission admission = new Admission(Integer.MAX_VALUE, Integer.MAX_VALUE);
    private long bodyIdleMillis;
    private final DeviceRoutes devices;
    private final EstHandler est;
    private final CmpHandler cmp;
    private final ProvisioningHandler provisioning;

    ApiHandler(BatchService service, List<X509CertificateHolder> chain, long maxBytes, int maxLines, LifecycleApi lifecycle,
               CmpResponder responder) {
        this.service = service;
        this.chain = List.copyOf(chain);
        this.maxBytes = maxBytes;
        this.maxLines = maxLines;
        this.lifecycle = lifecycle;
        this.devices = new DeviceRoutes(lifecycle);
        var single = new dev.trustline.signer.issuance.SingleEnrolment(service);
        this.est = new EstHandler(single, chain, this::station, this::device, () -> admission);
        this.cmp = new CmpHandler(single, responder, this::station, this::device, () -> admission);
        this.provisioning = new ProvisioningHandler(new dev.trustline.signer.lifecycle.ProvisioningService(lifecycle.lifecycle(),
                lifecycle.devices()));
    }

    /** Caps on batch requests in progress (see {@link Admission}). */
    ApiHandler admission(int total, int perStation) {
        this.admission = new Admission(total, perStation);
        return this;
    }

    /** A body read that sees no byte for this long fails (408); the connection's own idle timeout applies otherwise. */
    ApiHandler bodyIdleTimeout(long millis) {
        this.bodyIdleMillis = millis;
        return this;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        try {
            if (path.startsWith(EstHandler.PREFIX)) {
                est.serve(request, response, callback);
            } else if (path.startsWith(CmpHandler.PREFIX)) {
                cmp.serve(request, response, callback);
            } else if (path.equals("/healthz") && method.equals("GET")) {
                send(response, callback, 200, "text/plain", "ok\n");
            } else if (path.equals("/v1/ca") && method.equals("GET")) {
                send(response, callback, 200, "application/pem-certificate-chain", Pem.encode(chain.toArray()));
            } else if (path.equals("/v1/batches") && method.equals("POST")) {
                postBatch(request, response, callback);
            } else if (path.startsWith("/v1/batches/") && method.equals("GET")) {
                BatchResult r = service.results(station(request), path.substring("/v1/batches/".length()));
                json(response, callback, 200, ResultsJson.of(r, chain));
            } else if (ProvisioningHandler.matches(path)) {
                json(response, callback, 200, provisioning.handle(request, path, lifecycle.roles().actor(request)));
            } else {
                ObjectNode answer = devices.handle(method, path, request);
                if (answer == null) {
                    json(response, callback, 404, ResultsJson.error(404, "no such endpoint: " + method + " " + path));
                } else {
                    json(response, callback, 200, answer);
                }
            }
        } catch (BatchRejected e) {
            if (e.status() == 503) { // shed by Admission
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(Admission.RETRY_AFTER_SECONDS));
            }
            json(response, answered(request, callback), e.status(), ResultsJson.error(e.status(), e.getMessage()));
        } catch (dev.trustline.signer.access.Forbidden e) {
            json(response, answered(request, callback), 403, ResultsJson.error(403, e.getMessage()));
        } catch (dev.trustline.signer.lifecycle.TransitionRefused e) {
            json(response, answered(request, callback), e.status(), ResultsJson.error(e.status(), e.getMessage()));
        } catch (TrustLineException e) {
            String id = Failures.log(method + " " + path, e);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(Failures.RETRY_AFTER_SECONDS));
            json(response, answered(request, callback), 503, ResultsJson.error(503, "the signer cannot complete the request now; retry later"
                    + " (request id " + id + ")").put("request_id", id));
        } catch (RuntimeException e) {
            String id = Failures.log(method + " " + path, e);
            json(response, answered(request, callback), 500, ResultsJson.error(500, "internal error (request id " + id + ")").put("request_id", id));
        }
        return true;
    }

    /**
     * Query, station and policy are checked, and the request admitted, before a byte of the body is read; the
     * body of a request refused by then is dropped unread once the answer is written ({@link #answered}).
     */
    private void postBatch(Request request, Response response, Callback callback) throws TrustLineException {
        boolean reading = false;
        try {
            Fields query = query(request);
            String batchId = query.getValue("batch_id");
            String policy = query.getValue("policy");
            String station = station(request);
            service.authorise(station, batchId, policy);
            checkContentType(request);
            try (Admission.Ticket admitted = admission.enter(station)) {
                reading = true;
                byte[] body = readBody(request);
                answerBatch(response, callback, service.submit(station, batchId, policy, lines(body)));
            }
        } catch (TrustLineException | RuntimeException e) {
            if (!reading) {
                request.setAttribute(UNREAD_BODY, Boolean.TRUE);
            }
            throw e;
        }
    }

    /** Request attribute: the request was refused before its body was read. */
    private static final String UNREAD_BODY = "dev.trustline.unread-body";
    /** How long a refused request's body may pause while it is dropped. */
    static final long DISCARD_IDLE_MILLIS = 2_000;

    /**
     * The callback for the answer to {@code request}: for a batch request refused before its body was read (shed
     * with 503, a station or policy refused, a wrong type), the answer is written at once and the body is then
     * read and dropped without holding a thread ({@code Content.Source.consumeAll}), before the exchange ends. A
     * client that sends its whole body before it reads the answer, as the JDK's HttpClient and so {@code submit}
     * do, would otherwise find the connection closed under its upload (Jetty closes a connection whose request
     * body is left unread) and see a network failure instead of the 503 + Retry-After or the refusal. Bounded:
     * nothing is kept, at most {@code max-request-bytes} (a larger declared body is not read), the minimum data
     * rate applies and a pause of {@value #DISCARD_IDLE_MILLIS} ms ends it (then the connection is closed, as
     * before). Not when the client sent {@code Expect: 100-continue}: it sends no body unless told to.
     */
    private Callback answered(Request request, Callback callback) {
        String expect = request.getHeaders().get(HttpHeader.EXPECT);
        long declared = request.getLength();
        if (!Boolean.TRUE.equals(request.getAttribute(UNREAD_BODY)) || declared == 0 || declared > maxBytes
                || expect != null && expect.toLowerCase(java.util.Locale.ROOT).contains("100-continue")) {
            return callback;
        }
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        long idle = endPoint.getIdleTimeout();
        return Callback.from(() -> {
            endPoint.setIdleTimeout(idle > 0 ? Math.min(idle, DISCARD_IDLE_MILLIS) : DISCARD_IDLE_MILLIS);
            org.eclipse.jetty.io.Content.Source.consumeAll(request, Callback.from(() -> {
                endPoint.setIdleTimeout(idle);
                callback.succeeded();
            }, x -> {
                endPoint.setIdleTimeout(idle);
                callback.failed(x);
            }));
        }, callback::failed);
    }

    private void answerBatch(Response response, Callback callback, BatchResult result) {
        long retry = result.lines().stream().filter(l -> l.status() == LineResult.Status.RETRY && l.retryAfter() != null)
                .mapToLong(l -> Math.max(1, (l.retryAfter().toMillis() + 999) / 1000)).max().orElse(0);
        boolean allRetry = result.count(LineResult.Status.RETRY) == result.lines().size();
        if (retry > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retry));
        }
        jsonBytes(response, callback, allRetry && retry > 0 ? allRetryStatus(result) : 200, ResultsJson.bytes(result, chain));
    }

    /** 503 when the HSM is what is missing (nothing the station did), 429 when it is the station's rate. */
    private static int allRetryStatus(BatchResult result) {
        return result.lines().stream().anyMatch(l -> LineResult.HSM_UNAVAILABLE.equals(l.code())) ? 503 : 429;
    }

    private static Fields query(Request request) throws BatchRejected {
        try {
            return Request.extractQueryParameters(request);
        } catch (RuntimeException e) { // Jetty's decoder throws on %zz, bad UTF-8 and the like
            throw new BatchRejected(400, "the query string is not valid percent-encoded UTF-8");
        }
    }

    /** The documented type: JSON lines ({@value #BATCH_TYPE}, optionally with charset=utf-8). */
    static final String BATCH_TYPE = "application/x-ndjson";

    private static void checkContentType(Request request) throws BatchRejected {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String bare = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        String params = type == null || !type.contains(";") ? "" : type.split(";", 2)[1].strip().toLowerCase(java.util.Locale.ROOT)
                .replace(" ", "").replace("\"", "");
        if (!bare.equals(BATCH_TYPE) || !(params.isEmpty() || params.equals("charset=utf-8"))) {
            throw new BatchRejected(415, "the batch body must be sent as Content-Type: " + BATCH_TYPE + " (JSON lines, UTF-8)");
        }
    }

    private byte[] readBody(Request request) throws BatchRejected {
        long declared = request.getLength();
        if (declared > maxBytes) {
            throw new BatchRejected(413, "request body of " + declared + " bytes exceeds the limit of " + maxBytes);
        }
        org.eclipse.jetty.io.EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        long idle = endPoint.getIdleTimeout();
        if (bodyIdleMillis > 0) {
            endPoint.setIdleTimeout(bodyIdleMillis);
        }
        try (InputStream in = Request.asInputStream(request)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
                if (out.size() > maxBytes) {
                    throw new BatchRejected(413, "request body exceeds the limit of " + maxBytes + " bytes");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            if (timedOut(e)) {
                throw new BatchRejected(408, "the request body arrived too slowly (idle or below the minimum data rate)");
            }
            throw new BatchRejected(400, "cannot read the request body: " + e.getMessage());
        } finally {
            endPoint.setIdleTimeout(idle);
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private List<String> lines(byte[] body) throws BatchRejected {
        String text = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(body)).toString();
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String l = line.strip();
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        if (lines.size() > maxLines) {
            throw new BatchRejected(413, "the batch has " + lines.size() + " lines; the limit is " + maxLines + " (split it)");
        }
        return lines;
    }

    /** The station a batch request comes from: a client whose role may issue (backends never do). */
    private String station(Request request) throws TrustLineException {
        dev.trustline.signer.access.Actor actor = lifecycle.roles().actor(request);
        lifecycle.rules().require(actor, dev.trustline.signer.access.Permission.ISSUE);
        return actor.name();
    }

    /** A device re-enrolling with its current certificate: a client whose role may re-enrol (devices only, by default). */
    private X509Certificate device(Request request) throws TrustLineException {
        dev.trustline.signer.access.Actor actor = lifecycle.roles().actor(request);
        lifecycle.rules().require(actor, dev.trustline.signer.access.Permission.RE_ENROL);
        return peer(request);
    }

    /** The client certificate of the TLS connection (mTLS is mandatory, so only a misconfiguration lacks one). */
    static X509Certificate peer(Request request) throws BatchRejected {
        Object data = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        if (!(data instanceof EndPoint.SslSessionData ssl) || ssl.peerCertificates() == null || ssl.peerCertificates().length == 0) {
            throw new BatchRejected(401, "a client certificate is required");
        }
        return ssl.peerCertificates()[0];
    }

    private static void json(Response response, Callback callback, int status, ObjectNode body) {
        byte[] bytes;
        try {
            bytes = ResultsJson.JSON.writeValueAsBytes(body); // UTF-8 straight from the tree, no String in between
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON answer", e);
        }
        jsonBytes(response, callback, status, bytes);
    }

    private static void jsonBytes(Response response, Callback callback, int status, byte[] bytes) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

}
