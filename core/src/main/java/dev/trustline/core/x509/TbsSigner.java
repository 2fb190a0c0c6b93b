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
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(tbs);
        v.add(alg);
        v.add(new DERBitString(signature));
        return new DERSequence(v);
    }
}
