package dev.trustline.signer.ops;

import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Wraps the API: gives each request an id (response header, logging context), counts requests in
 * flight and shed ones (503 with Retry-After), and writes one access-log line when the response is
 * complete (WARN for 5xx).
 */
public final class AccessLog extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger("trustline.access");
    private static final Pattern CN = Pattern.compile("(?:^|,)CN=([^,]*)");
    private final SignerMetrics metrics;

    public AccessLog(Handler api, SignerMetrics metrics) {
        super(api);
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String id = RequestIds.next();
        long start = System.nanoTime();
        response.getHeaders().put(RequestIds.HEADER, id);
        metrics.requestStarted();
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            Callback logged = new Callback.Nested(callback) {
                @Override
                public void succeeded() {
                    done(id, request, response, start, null);
                    super.succeeded();
                }

                @Override
                public void failed(Throwable x) {
                    done(id, request, response, start, x);
                    super.failed(x);
                }
            };
            if (!super.handle(request, response, logged)) {
                Response.writeError(request, response, logged, 404);
            }
            return true;
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private void done(String id, Request request, Response response, long start, Throwable failure) {
        metrics.requestFinished();
        int status = response.getStatus();
        if (status == 503 && response.getHeaders().contains(HttpHeader.RETRY_AFTER)) {
            metrics.shed();
        }
        long micros = (System.nanoTime() - start) / 1000;
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            var line = (status >= 500 || failure != null ? LOG.atWarn() : LOG.atInfo())
                    .addKeyValue("method", request.getMethod()).addKeyValue("path", request.getHttpURI().getPathQuery())
                    .addKeyValue("status", status).addKeyValue("bytes", Response.getContentBytesWritten(response))
                    .addKeyValue("ms", micros / 1000.0).addKeyValue("client", Request.getRemoteAddr(request))
                    .addKeyValue("station", station(request));
            if (failure != null) {
                line = line.setCause(failure);
            }
            line.log("request");
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private static String station(Request request) {
        Object data = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        if (data instanceof EndPoint.SslSessionData ssl && ssl.peerCertificates() != null && ssl.peerCertificates().length > 0) {
            X509Certificate cert = ssl.peerCertificates()[0];
            Matcher m = CN.matcher(cert.getSubjectX500Principal().getName());
            return m.find() ? m.group(1) : "-";
        }
        return "-";
    }
}
