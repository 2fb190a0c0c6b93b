package dev.trustline.signer.ca;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.x509.Bc;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The start-up check against the root's CRL (signer.yaml {@code trust.crl}): the CRL must be the root's,
 * signed by it and current, and must not list the intermediate. A revoked intermediate never signs again,
 * even if its key is still in the token.
 */
public final class RevocationCheck {
    private static final String[] REASONS = {"unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
        "superseded", "cessationOfOperation", "certificateHold", "7", "removeFromCRL", "privilegeWithdrawn", "aACompromise"};

    private RevocationCheck() {
    }

    /** Does nothing when no CRL is configured. */
    public static void refuseRevoked(Path crlFile, X509CertificateHolder root, X509CertificateHolder intermediate, Instant now)
            throws TrustLineException {
        if (crlFile == null) {
            return;
        }
        X509CRLHolder crl = read(crlFile);
        if (!crl.getIssuer().equals(root.getSubject()) || !signedBy(crl, root)) {
            throw new TrustLineException("trust.crl " + crlFile + " is not a CRL signed by the root " + root.getSubject());
        }
        if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(now)) {
            throw new TrustLineException("trust.crl " + crlFile + " is out of date (next update was "
                    + crl.getNextUpdate().toInstant() + "): install the root's current CRL");
        }
        if (crl.toASN1Structure().getThisUpdate().getDate().toInstant().isAfter(now)) {
            throw new TrustLineException("trust.crl " + crlFile + " is not valid yet (this update "
                    + crl.toASN1Structure().getThisUpdate().getDate().toInstant() + ")");
        }
        X509CRLEntryHolder entry = crl.getRevokedCertificate(intermediate.getSerialNumber());
        if (entry != null) {
            throw new TrustLineException("the intermediate " + intermediate.getSubject() + " (serial "
                    + dev.trustline.core.x509.Serials.hex(intermediate.getSerialNumber()) + ") is revoked by " + crlFile + " since "
                    + entry.getRevocationDate().toInstant() + reason(entry) + ": the signer does not start with a revoked CA");
        }
    }

    private static String reason(X509CRLEntryHolder entry) {
        Extension e = entry.getExtension(Extension.reasonCode);
        if (e == null) {
            return "";
        }
        int code = CRLReason.getInstance(e.getParsedValue()).getValue().intValue();
        return " (reason: " + (code >= 0 && code < REASONS.length ? REASONS[code] : Integer.toString(code)) + ")";
    }

    private static boolean signedBy(X509CRLHolder crl, X509CertificateHolder root) {
        try {
            return crl.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Bc.provider()).build(root));
        } catch (OperatorCreationException | CertException | java.security.cert.CertificateException e) {
            return false;
        }
    }

    private static X509CRLHolder read(Path file) throws TrustLineException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN X509 CRL-----")) {
                try (PemReader r = new PemReader(new StringReader(text))) {
                    return new X509CRLHolder(r.readPemObject().getContent());
                }
            }
            return new X509CRLHolder(bytes);
        } catch (IOException | RuntimeException e) {
            throw new TrustLineException("trust.crl " + file + " cannot be read as a CRL (PEM or DER)");
        }
    }
}
