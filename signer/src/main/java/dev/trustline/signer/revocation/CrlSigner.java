package dev.trustline.signer.revocation;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.lint.CrlLints;
import dev.trustline.core.lint.CrlUnderLint;
import dev.trustline.core.lint.LintReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.Time;
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
import org.bouncycastle.operator.ContentSigner;

/**
 * Builds the device CRL (RFC 5280 v2) of the issuing intermediate (entries encoded by {@link CrlEncoder}) and signs it once through the signing
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
        X509CRLHolder crl;
        try {
            crl = build(number, from, to, revoked);
        } catch (IOException | RuntimeException e) {
            throw new TrustLineException("cannot build the device CRL: " + e.getMessage(), e);
        }
        LintReport report = CrlLints.standard().run(new CrlUnderLint(crl, issuer));
        if (!report.passed()) {
            throw new TrustLineException("the signed device CRL fails its lints: "
                    + String.join("; ", report.failureMessages()));
        }
        return crl;
    }

    /** TBSCertList (RFC 5280 5.1) with the entries written by {@link CrlEncoder}, signed once. */
    private X509CRLHolder build(BigInteger number, Instant from, Instant to, Collection<RevokedCertificate> revoked)
            throws IOException, TrustLineException {
        ContentSigner signer = keys.signer();
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
        ext.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerSki()));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(CrlEncoder.der(new ASN1Integer(1)));
        body.write(CrlEncoder.der(signer.getAlgorithmIdentifier()));
        body.write(issuer.getSubject().getEncoded(ASN1Encoding.DER));
        body.write(CrlEncoder.der(new Time(Date.from(from))));
        body.write(CrlEncoder.der(new Time(Date.from(to))));
        byte[] list = CrlEncoder.revokedCertificates(revoked);
        if (list != null) {
            body.write(list);
        }
        body.write(CrlEncoder.der(new DERTaggedObject(true, 0, ext.generate())));
        ByteArrayOutputStream tbs = new ByteArrayOutputStream(body.size() + 8);
        CrlEncoder.tlv(tbs, 0x30, body.toByteArray());
        byte[] tbsDer = tbs.toByteArray();
        try (OutputStream out = signer.getOutputStream()) {
            out.write(tbsDer);
        }
        byte[] signature = signer.getSignature();
        ByteArrayOutputStream whole = new ByteArrayOutputStream(tbsDer.length + signature.length + 32);
        whole.write(tbsDer);
        whole.write(CrlEncoder.der(signer.getAlgorithmIdentifier()));
        whole.write(CrlEncoder.der(new DERBitString(signature)));
        ByteArrayOutputStream crl = new ByteArrayOutputStream(whole.size() + 8);
        CrlEncoder.tlv(crl, 0x30, whole.toByteArray());
        return new X509CRLHolder(crl.toByteArray());
    }

    private byte[] issuerSki() throws TrustLineException {
        Extension ski = issuer.getExtension(Extension.subjectKeyIdentifier);
        if (ski == null) {
            throw new TrustLineException("issuer " + issuer.getSubject() + " has no subjectKeyIdentifier");
        }
        return SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier();
    }
}
