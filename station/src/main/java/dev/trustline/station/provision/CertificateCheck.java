package dev.trustline.station.provision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/** The station's checks of the certificate it wrote: chain to a trusted root, identity, key, a signature. */
final class CertificateCheck {
    private final X509CertificateHolder cert;
    private final List<X509CertificateHolder> trust;
    private final List<X509CertificateHolder> chain = new ArrayList<>();

    CertificateCheck(X509CertificateHolder cert, List<X509CertificateHolder> trust, List<String> chainPem) throws TrustLineException {
        this.cert = cert;
        this.trust = trust;
        for (String pem : chainPem) {
            chain.add(CertificateSteps.parse(pem));
        }
    }

    /** The certificate, then each chain certificate, is signed by the next; the last by a trusted root. */
    void chain(String step, ObjectNode ev) throws StepFailed {
        X509CertificateHolder child = cert;
        Date now = new Date();
        for (X509CertificateHolder parent : chain) {
            if (!signedBy(child, parent) || !child.isValidOn(now)) {
                throw new StepFailed(step, "chain-invalid", "certificate '" + child.getSubject() + "' is not valid under '"
                        + parent.getSubject() + "' now", ev);
            }
            if (trust.stream().anyMatch(t -> Arrays.equals(encoded(t), encoded(parent)))) {
                ev.put("chain", "verified to " + parent.getSubject());
                return;
            }
            child = parent;
        }
        for (X509CertificateHolder root : trust) {
            if (signedBy(child, root)) {
                ev.put("chain", "verified to " + root.getSubject());
                return;
            }
        }
        throw new StepFailed(step, "chain-invalid", "the certificate does not chain to a trusted root", ev);
    }

    /** CN is the device ID read back; when there are SANs, one of them carries it too. */
    void identity(String step, String deviceId, ObjectNode ev) throws StepFailed {
        var cn = cert.getSubject().getRDNs(BCStyle.CN);
        String name = cn.length == 1 ? IETFUtils.valueToString(cn[0].getFirst().getValue()) : "";
        ev.put("subject", cert.getSubject().toString());
        if (!name.equals(deviceId)) {
            throw new StepFailed(step, "identity-mismatch", "the certificate's CN is '" + name + "', not the device's ID '" + deviceId + "'", ev);
        }
        Extension san = cert.getExtension(Extension.subjectAlternativeName);
        if (san != null) {
            GeneralName[] names = GeneralNames.getInstance(san.getParsedValue()).getNames();
            boolean carried = Arrays.stream(names).anyMatch(n -> n.getName().toString().contains(deviceId));
            ev.put("san", Arrays.toString(Arrays.stream(names).map(n -> n.getName().toString()).toArray()));
            if (!carried) {
                throw new StepFailed(step, "identity-mismatch", "no subjectAltName of the certificate carries '" + deviceId + "'", ev);
            }
        }
    }

    void key(String step, PublicKey deviceKey, ObjectNode ev) throws StepFailed {
        if (!Arrays.equals(encoded(cert.getSubjectPublicKeyInfo()), deviceKey.getEncoded())) {
            throw new StepFailed(step, "key-mismatch", "the certificate in the slot is for another key than the device made", ev);
        }
    }

    boolean signature(byte[] message, String signatureB64) throws TrustLineException {
        try {
            PublicKey key = new JcaX509CertificateConverter().getCertificate(cert).getPublicKey();
            Signature v = Signature.getInstance("SHA256withECDSA");
            v.initVerify(key);
            v.update(message);
            return v.verify(Base64.getDecoder().decode(signatureB64));
        } catch (IllegalArgumentException | java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new TrustLineException("cannot verify the challenge: " + e.getMessage(), e);
        }
    }

    private static boolean signedBy(X509CertificateHolder child, X509CertificateHolder parent) {
        try {
            return child.getIssuer().equals(parent.getSubject())
                    && child.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(dev.trustline.core.x509.Bc.provider()).build(parent));
        } catch (Exception e) { // BouncyCastle's verifier declares several checked exceptions: any means "not signed by"
            return false;
        }
    }

    private static byte[] encoded(Object o) {
        try {
            return o instanceof X509CertificateHolder c ? c.getEncoded()
                    : ((org.bouncycastle.asn1.x509.SubjectPublicKeyInfo) o).getEncoded();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
