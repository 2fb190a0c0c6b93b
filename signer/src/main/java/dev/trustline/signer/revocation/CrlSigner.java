package dev.trustline.signer.revocation;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.lint.CrlLints;
import dev.trustline.core.lint.CrlUnderLint;
import dev.trustline.core.lint.LintReport;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.Time;
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

    /** The signed and linted CRL. */
    public X509CRLHolder sign(BigInteger number, Instant thisUpdate, Instant nextUpdate,
            Collection<RevokedCertificate> revoked) throws TrustLineException {
        return signed(number, thisUpdate, nextUpdate, revoked).crl();
    }

    /**
     * The signed and linted CRL's DER, the bytes that were linted (what the signer stores and serves, without
     * encoding the parsed CRL again).
     */
    public byte[] signEncoded(BigInteger number, Instant thisUpdate, Instant nextUpdate,
            Collection<RevokedCertificate> revoked) throws TrustLineException {
        return signed(number, thisUpdate, nextUpdate, revoked).der();
    }

    private CrlUnderLint signed(BigInteger number, Instant thisUpdate, Instant nextUpdate,
            Collection<RevokedCertificate> revoked) throws TrustLineException {
        Instant from = thisUpdate.truncatedTo(ChronoUnit.SECONDS);
        Instant to = nextUpdate.truncatedTo(ChronoUnit.SECONDS);
        if (!to.isAfter(from)) {
            throw new TrustLineException("CRL nextUpdate " + to + " is not after thisUpdate " + from);
        }
        CrlUnderLint crl;
        try {
            crl = CrlUnderLint.encoded(build(number, from, to, revoked), issuer);
        } catch (IOException | RuntimeException e) {
            throw new TrustLineException("cannot build the device CRL: " + e.getMessage(), e);
        }
        LintReport report = CrlLints.standard().run(crl);
        if (!report.passed()) {
            throw new TrustLineException("the signed device CRL fails its lints: "
                    + String.join("; ", report.failureMessages()));
        }
        return crl;
    }

    /**
     * The CRL's DER: TBSCertList (RFC 5280 5.1, entries written by {@link CrlEncoder}) into one array of its
     * exact size, streamed once to the signer (one signature in the HSM), then the CRL around it.
     */
    private byte[] build(BigInteger number, Instant from, Instant to, Collection<RevokedCertificate> revoked)
            throws IOException, TrustLineException {
        ContentSigner signer = keys.signer();
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
        ext.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerSki()));
        byte[] algorithm = CrlEncoder.der(signer.getAlgorithmIdentifier());
        List<byte[]> head = List.of(CrlEncoder.der(new ASN1Integer(1)), algorithm,
                issuer.getSubject().getEncoded(ASN1Encoding.DER), CrlEncoder.der(new Time(Date.from(from))),
                CrlEncoder.der(new Time(Date.from(to))));
        byte[] extensions = CrlEncoder.der(new DERTaggedObject(true, 0, ext.generate()));
        long list = revoked.isEmpty() ? -1 : CrlEncoder.revokedContentLength(revoked);
        long content = head.stream().mapToLong(b -> b.length).sum() + (list < 0 ? 0 : CrlEncoder.tlvLength(list))
                + extensions.length;
        CrlEncoder.Out tbs = new CrlEncoder.Out(CrlEncoder.tlvLength(content));
        tbs.header(0x30, content);
        head.forEach(tbs::write);
        if (list >= 0) {
            CrlEncoder.writeRevoked(tbs, revoked, list);
        }
        tbs.write(extensions);
        byte[] tbsDer = tbs.done();
        try (OutputStream out = signer.getOutputStream()) {
            out.write(tbsDer);
        }
        byte[] signature = CrlEncoder.der(new DERBitString(signer.getSignature()));
        long whole = (long) tbsDer.length + algorithm.length + signature.length;
        CrlEncoder.Out crl = new CrlEncoder.Out(CrlEncoder.tlvLength(whole));
        crl.header(0x30, whole);
        crl.write(tbsDer);
        crl.write(algorithm);
        crl.write(signature);
        return crl.done();
    }

    private byte[] issuerSki() throws TrustLineException {
        Extension ski = issuer.getExtension(Extension.subjectKeyIdentifier);
        if (ski == null) {
            throw new TrustLineException("issuer " + issuer.getSubject() + " has no subjectKeyIdentifier");
        }
        return SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier();
    }
}
