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
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiHandler.class);
    private final BatchService service;
    private final List<X509CertificateHolder> chain;
    private final long maxBytes;
    private final int maxLines;

    ApiHandler(BatchService service, List<X509CertificateHolder> chain, long maxBytes, int maxLines) {
        this.service = service;
        this.chain = List.copyOf(chain);
        this.maxBytes = maxBytes;
        this.maxLines = maxLines;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        try {
            if (path.equals("/healthz") && method.equals("GET")) {
                send(response, callback, 200, "text/plain", "ok\n");
            } else if (path.equals("/v1/ca") && method.equals("GET")) {
                send(response, callback, 200, "application/pem-certificate-chain", Pem.encode(chain.toArray()));
            } else if (path.equals("/v1/batches") && method.equals("POST")) {
                postBatch(request, response, callback);
            } else if (path.startsWith("/v1/batches/") && method.equals("GET")) {
                BatchResult r = service.results(station(request), path.substring("/v1/batches/".length()));
                json(response, callback, 200, ResultsJson.of(r, chain));
            } else {
                json(response, callback, 404, ResultsJson.error(404, "no such endpoint: " + method + " " + path));
            }
        } catch (BatchRejected e) {
            json(response, callback, e.status(), ResultsJson.error(e.status(), e.getMessage()));
        } catch (TrustLineException e) {
            LOG.error("{} {} failed: 503", method, path, e);
            json(response, callback, 503, ResultsJson.error(503, "the signer could not complete the request: " + e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed: 500", method, path, e);
            json(response, callback, 500, ResultsJson.error(500, "internal error (" + e.getClass().getSimpleName() + ")"));
        }
        return true;
    }

    private void postBatch(Request request, Response response, Callback callback) throws TrustLineException {
        Fields query = Request.extractQueryParameters(request);
        String batchId = query.getValue("batch_id");
        String policy = query.getValue("policy");
        String station = station(request);
        List<String> lines = lines(readBody(request));
        BatchResult result = service.submit(station, batchId, policy, lines);
        long retry = result.lines().stream().filter(l -> l.status() == LineResult.Status.RETRY && l.retryAfter() != null)
                .mapToLong(l -> Math.max(1, (l.retryAfter().toMillis() + 999) / 1000)).max().orElse(0);
        boolean allRetry = result.count(LineResult.Status.RETRY) == result.lines().size();
        if (retry > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retry));
        }
        json(response, callback, allRetry && retry > 0 ? 429 : 200, ResultsJson.of(result, chain));
    }

    private byte[] readBody(Request request) throws BatchRejected {
        long declared = request.getLength();
        if (declared > maxBytes) {
            throw new BatchRejected(413, "request body of " + declared + " bytes exceeds the limit of " + maxBytes);
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
            throw new BatchRejected(400, "cannot read the request body: " + e.getMessage());
        }
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

    static String station(Request request) throws BatchRejected {
        Object data = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        if (!(data instanceof EndPoint.SslSessionData ssl) || ssl.peerCertificates() == null || ssl.peerCertificates().length == 0) {
            throw new BatchRejected(401, "a station client certificate is required");
        }
        return commonName(ssl.peerCertificates()[0]).orElseThrow(() ->
                new BatchRejected(403, "the client certificate has no CN to identify the station"));
    }

    /** Exactly one single-valued CN, as plain text (not RFC 4514-escaped), compared with the policy's stations. */
    private static Optional<String> commonName(X509Certificate cert) {
        X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        var rdns = name.getRDNs(BCStyle.CN);
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            return Optional.empty();
        }
        var value = rdns[0].getFirst().getValue();
        return value instanceof org.bouncycastle.asn1.ASN1String s ? Optional.of(s.getString()) : Optional.empty();
    }

    private static void json(Response response, Callback callback, int status, ObjectNode body) {
        send(response, callback, status, "application/json", body.toString());
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

}
