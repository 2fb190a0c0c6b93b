package dev.trustline.signer.http;

import dev.trustline.signer.access.Actor;
import dev.trustline.signer.access.Role;
import dev.trustline.signer.issuance.BatchRejected;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

/**
 * Who the client is, from its certificate (the TLS handshake already checked it chains to a trusted CA):
 * the backend role if the backend CA issued it or its CN is listed as a backend client, else a station named
 * by its CN.
 */
public final class ClientRoles {
    private final X509Certificate backendCa;
    private final Set<String> backendClients;

    public ClientRoles(X509Certificate backendCa, Set<String> backendClients) {
        this.backendCa = backendCa;
        this.backendClients = Set.copyOf(backendClients);
    }

    public static final ClientRoles STATIONS_ONLY = new ClientRoles(null, Set.of());

    Actor actor(Request request) throws BatchRejected {
        Object data = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        if (!(data instanceof EndPoint.SslSessionData ssl) || ssl.peerCertificates() == null
                || ssl.peerCertificates().length == 0) {
            throw new BatchRejected(401, "a client certificate is required");
        }
        X509Certificate cert = ssl.peerCertificates()[0];
        String cn = commonName(cert).orElseThrow(() ->
                new BatchRejected(403, "the client certificate has no CN to identify the client"));
        if (!dev.trustline.signer.issuance.LineText.isClean(cn) || cn.length() > 256) {
            throw new BatchRejected(403, "the client certificate's CN is not a usable client name");
        }
        return new Actor(cn, isBackend(cert, cn) ? Role.BACKEND : Role.STATION);
    }

    private boolean isBackend(X509Certificate cert, String cn) {
        if (backendClients.contains(cn)) {
            return true;
        }
        if (backendCa == null || !cert.getIssuerX500Principal().equals(backendCa.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(backendCa.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /** Exactly one single-valued CN, as plain text (not RFC 4514-escaped). */
    static Optional<String> commonName(X509Certificate cert) {
        X500Principal subject = cert.getSubjectX500Principal();
        X500Name name = X500Name.getInstance(subject.getEncoded());
        var rdns = name.getRDNs(BCStyle.CN);
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            return Optional.empty();
        }
        var value = rdns[0].getFirst().getValue();
        return value instanceof org.bouncycastle.asn1.ASN1String s ? Optional.of(s.getString()) : Optional.empty();
    }
}
