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
    private final X509Certificate deviceIssuer;

    public ClientRoles(X509Certificate backendCa, Set<String> backendClients) {
        this(backendCa, backendClients, null);
    }

    /** @param deviceIssuer the issuing intermediate, when devices may re-enrol (else null: no device clients) */
    public ClientRoles(X509Certificate backendCa, Set<String> backendClients, X509Certificate deviceIssuer) {
        this.backendCa = backendCa;
        this.backendClients = Set.copyOf(backendClients);
        this.deviceIssuer = deviceIssuer;
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
        if (issuedBy(cert, deviceIssuer)) {
            return new Actor(cn, Role.DEVICE);
        }
        return new Actor(cn, isBackend(cert, cn) ? Role.BACKEND : Role.STATION);
    }

    private static boolean issuedBy(X509Certificate cert, X509Certificate issuer) {
        if (issuer == null || !cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private boolean isBackend(X509Certificate cert, String cn) {
        if (backendClients.contains(cn)) {
            return true;
        }
        return issuedBy(cert, backendCa);
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
