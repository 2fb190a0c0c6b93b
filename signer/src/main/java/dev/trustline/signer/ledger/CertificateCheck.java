package dev.trustline.signer.ledger;

import dev.trustline.core.chain.CanonicalJson;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * One issued entry's certificate, checked offline: it parses as X.509; its issuer is a
 * certificate a verified checkpoint carried, with the SHA-256 the entry names, and its
 * signature verifies under it; its serial is the entry's; its subject has an attribute whose
 * value is the device ID, or a subjectAltName equals the device ID or ends in ":" or "/" and
 * the device ID (e.g. {@code urn:dev:GW1234567897}).
 */
final class CertificateCheck {

    private final Map<String, X509CertificateHolder> issuers = new HashMap<>();

    CertificateCheck(List<X509CertificateHolder> known) {
        for (X509CertificateHolder c : known) {
            try {
                issuers.put(CanonicalJson.sha256Hex(c.getEncoded()), c);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    void check(long seq, IssuedEntry e) throws LedgerProblem {
        X509CertificateHolder cert;
        try {
            cert = new X509CertificateHolder(e.certificate());
        } catch (IOException | RuntimeException x) {
            throw problem(seq, "certificate is not DER X.509");
        }
        X509CertificateHolder issuer = issuers.get(e.issuerFingerprint());
        if (issuer == null) {
            throw problem(seq, "issuer sha256 " + e.issuerFingerprint() + " is in no verified"
                    + " checkpoint's chain");
        }
        if (!CheckpointTrust.signedBy(cert, issuer)) {
            throw problem(seq, "certificate of " + e.deviceId() + " is not signed by "
                    + issuer.getSubject());
        }
        if (!cert.getSerialNumber().equals(new BigInteger(e.serial(), 16))) {
            throw problem(seq, "certificate serial " + dev.trustline.core.x509.Serials.hex(cert.getSerialNumber())
                    + " is not the entry's " + e.serial());
        }
        if (!namesDevice(cert, e.deviceId())) {
            throw problem(seq, "certificate " + cert.getSubject() + " names neither in its"
                    + " subject nor in its subjectAltName the device " + e.deviceId());
        }
    }

    private static boolean namesDevice(X509CertificateHolder cert, String deviceId) {
        for (RDN rdn : cert.getSubject().getRDNs()) {
            for (AttributeTypeAndValue v : rdn.getTypesAndValues()) {
                if (v.getValue() instanceof ASN1String s && s.getString().equals(deviceId)) {
                    return true;
                }
            }
        }
        Extension san = cert.getExtension(Extension.subjectAlternativeName);
        if (san == null) {
            return false;
        }
        for (GeneralName n : GeneralNames.getInstance(san.getParsedValue()).getNames()) {
            if (n.getName() instanceof ASN1String s) {
                String v = s.getString();
                if (v.equals(deviceId) || v.endsWith(":" + deviceId) || v.endsWith("/" + deviceId)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static LedgerProblem problem(long seq, String why) {
        return new LedgerProblem(seq, "ledger entry " + seq + ": " + why);
    }
}
