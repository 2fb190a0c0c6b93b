package dev.trustline.signer.http;

import dev.trustline.signer.tls.StationCrl;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Refuses (403) every request whose client certificate the station CA has revoked, before any other handler. */
final class RevokedClients extends Handler.Wrapper {
    private final StationCrl crl;
    private final X500Name stationCa;

    RevokedClients(Handler next, StationCrl crl, X509CertificateHolder stationCa) {
        super(next);
        this.crl = crl;
        this.stationCa = stationCa.getSubject();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Object data = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        if (data instanceof EndPoint.SslSessionData ssl && ssl.peerCertificates() != null && ssl.peerCertificates().length > 0) {
            X509Certificate peer = ssl.peerCertificates()[0];
            if (X500Name.getInstance(peer.getIssuerX500Principal().getEncoded()).equals(stationCa) && crl.revoked(peer.getSerialNumber())) {
                response.setStatus(403);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
                String body = ResultsJson.error(403, "the client certificate is revoked").toString();
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }
}
