package dev.trustline.core.x509;

import java.io.IOException;
import java.io.OutputStream;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

/** Signs the exact DER bytes of a TBS certificate or CRL with a {@link ContentSigner}. Pure. */
public final class TbsSigner {
    private TbsSigner() {
    }

    public static X509CertificateHolder sign(TBSCertificate tbs, ContentSigner signer) throws IOException {
        byte[] signature = signature(tbs, tbs.getSignature(), signer);
        return new X509CertificateHolder(Certificate.getInstance(sequence(tbs, signer.getAlgorithmIdentifier(), signature)));
    }

    /** A signed certificate as an object and as the DER bytes handed out. */
    public record Signed(X509CertificateHolder holder, byte[] der) {
    }

    /**
     * Signs {@code tbsDer}, which the caller encoded once from {@code tbs} (and linted), and builds the certificate
     * around exactly those bytes: its DER is the SEQUENCE header, {@code tbsDer}, the algorithm and the signature,
     * so neither the TBS nor the certificate is encoded again (as {@link #sign(TBSCertificate, ContentSigner)} and
     * {@code getEncoded()} would). The holder is built from the same objects and encodes to the same bytes.
     */
    public static Signed sign(TBSCertificate tbs, byte[] tbsDer, ContentSigner signer) throws IOException {
        AlgorithmIdentifier alg = signer.getAlgorithmIdentifier();
        if (!tbs.getSignature().equals(alg)) {
            throw new IOException("signer algorithm " + alg.getAlgorithm() + " differs from the TBS signature field "
                    + tbs.getSignature().getAlgorithm());
        }
        try (OutputStream out = signer.getOutputStream()) {
            out.write(tbsDer);
        }
        DERBitString signature = new DERBitString(signer.getSignature());
        byte[] algDer = alg.getEncoded(ASN1Encoding.DER);
        byte[] sigDer = signature.getEncoded(ASN1Encoding.DER);
        byte[] der = DerSequence.of(tbsDer, algDer, sigDer);
        X509CertificateHolder holder = new X509CertificateHolder(Certificate.getInstance(sequence(tbs, alg, signature)));
        return new Signed(holder, der);
    }

    public static X509CRLHolder sign(TBSCertList tbs, ContentSigner signer) throws IOException {
        byte[] signature = signature(tbs, tbs.getSignature(), signer);
        return new X509CRLHolder(CertificateList.getInstance(sequence(tbs, signer.getAlgorithmIdentifier(), signature)));
    }

    public static byte[] der(ASN1Object tbs) {
        try {
            return tbs.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode TBS: " + e.getMessage(), e);
        }
    }

    private static byte[] signature(ASN1Object tbs, AlgorithmIdentifier tbsAlg, ContentSigner signer) throws IOException {
        if (!tbsAlg.equals(signer.getAlgorithmIdentifier())) {
            throw new IOException("signer algorithm " + signer.getAlgorithmIdentifier().getAlgorithm()
                    + " differs from the TBS signature field " + tbsAlg.getAlgorithm());
        }
        try (OutputStream out = signer.getOutputStream()) {
            out.write(der(tbs));
        }
        return signer.getSignature();
    }

    private static DERSequence sequence(ASN1Object tbs, AlgorithmIdentifier alg, byte[] signature) {
        return sequence(tbs, alg, new DERBitString(signature));
    }

    private static DERSequence sequence(ASN1Object tbs, AlgorithmIdentifier alg, DERBitString signature) {
        ASN1EncodableVector v = new ASN1EncodableVector(3);
        v.add(tbs);
        v.add(alg);
        v.add(signature);
        return new DERSequence(v);
    }
}
