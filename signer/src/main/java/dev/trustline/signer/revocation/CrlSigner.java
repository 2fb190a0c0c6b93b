package dev.trustline.signer.revocation;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.lint.CrlLints;
import dev.trustline.core.lint.CrlUnderLint;
import dev.trustline.core.lint.LintReport;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Builds the device CRL (RFC 5280 v2) of the issuing intermediate and signs it once through the signing
 * seam (the intermediate's key in the HSM): CRL number, authority key identifier, thisUpdate/nextUpdate,
 * one entry per revoked certificate with its reason code (omitted for unspecified, as RFC 5280 advises).
 * The signed CRL is then linted (validity, number, AKI, issuer name, signature, issuer key usage) before
 * anyone sees it.
 */
public final class CrlSigner {
    /** A fresh single-use signer over the issuing key. */
    @FunctionalInterface
    public interface SignerSource {
        ContentSigner signer() throws TrustLineException;
    }

    private final X509CertificateHolder issuer;
    private final SignerSource keys;

    public CrlSigner(X509CertificateHolder issuer, SignerSource keys) {
        this.issuer = issuer;
        this.keys = keys;
    }

    public X509CRLHolder sign(BigInteger number, Instant thisUpdate, Instant nextUpdate,
            Collection<RevokedCertificate> revoked) throws TrustLineException {
        Instant from = thisUpdate.truncatedTo(ChronoUnit.SECONDS);
        Instant to = nextUpdate.truncatedTo(ChronoUnit.SECONDS);
        if (!to.isAfter(from)) {
            throw new TrustLineException("CRL nextUpdate " + to + " is not after thisUpdate " + from);
        }
        X509v2CRLBuilder b = new X509v2CRLBuilder(issuer.getSubject(), Date.from(from));
        b.setNextUpdate(Date.from(to));
        for (RevokedCertificate r : revoked) {
            Date when = Date.from(r.revokedAt().truncatedTo(ChronoUnit.SECONDS));
            if (r.reason() == RevocationReason.UNSPECIFIED) {
                b.addCRLEntry(r.serial(), when, null);
            } else {
                b.addCRLEntry(r.serial(), when, r.reason().code());
            }
        }
        X509CRLHolder crl;
        try {
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerSki()));
            crl = b.build(keys.signer());
        } catch (IOException e) {
            throw new TrustLineException("cannot build the device CRL: " + e.getMessage(), e);
        }
        LintReport report = CrlLints.standard().run(new CrlUnderLint(crl, issuer));
        if (!report.passed()) {
            throw new TrustLineException("the signed device CRL fails its lints: "
                    + String.join("; ", report.failureMessages()));
        }
        return crl;
    }

    private byte[] issuerSki() throws TrustLineException {
        Extension ski = issuer.getExtension(Extension.subjectKeyIdentifier);
        if (ski == null) {
            throw new TrustLineException("issuer " + issuer.getSubject() + " has no subjectKeyIdentifier");
        }
        return SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier();
    }
}
