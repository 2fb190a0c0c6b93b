package dev.trustline.signer.issuance;

import dev.trustline.core.ecdsa.SignatureCheckException;
import java.io.IOException;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.crmf.CertReqMsg;
import org.bouncycastle.asn1.crmf.CertTemplate;
import org.bouncycastle.asn1.crmf.POPOSigningKey;
import org.bouncycastle.asn1.crmf.ProofOfPossession;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * What a device asks to be certified, whatever the request format: a subject, a public key, and the
 * signature by that key that proves possession of it. A PKCS#10 CSR signs its request info; a CRMF
 * certificate request (CMP ir/cr) signs its CertRequest under a POPOSigningKey (RFC 4211 section 4.1,
 * without poposkInput, since the template carries subject and key). Immutable.
 */
public record KeyRequest(X500Name subject, SubjectPublicKeyInfo publicKey, AlgorithmIdentifier signatureAlgorithm,
                         byte[] signed, byte[] signature) {

    public static KeyRequest of(PKCS10CertificationRequest csr) throws LineRefused {
        try {
            return new KeyRequest(csr.getSubject(), csr.getSubjectPublicKeyInfo(), csr.getSignatureAlgorithm(),
                    csr.toASN1Structure().getCertificationRequestInfo().getEncoded(ASN1Encoding.DER), csr.getSignature());
        } catch (IOException | RuntimeException e) {
            throw new LineRefused("malformed-csr", "the CSR cannot be encoded");
        }
    }

    public static KeyRequest of(CertReqMsg message) throws LineRefused {
        try {
            CertTemplate t = message.getCertReq().getCertTemplate();
            ProofOfPossession pop = message.getPop();
            if (t.getSubject() == null || t.getPublicKey() == null) {
                throw new LineRefused("malformed-csr", "the CRMF template must carry a subject and a public key");
            }
            if (pop == null || pop.getType() != ProofOfPossession.TYPE_SIGNING_KEY) {
                throw new LineRefused("bad-pop", "the CRMF request must prove possession with a signature (POPOSigningKey)");
            }
            POPOSigningKey sig = POPOSigningKey.getInstance(pop.getObject());
            if (sig.getPoposkInput() != null) {
                throw new LineRefused("bad-pop", "POPOSigningKey with poposkInput is not accepted (the template carries subject and key)");
            }
            return new KeyRequest(t.getSubject(), t.getPublicKey(), sig.getAlgorithmIdentifier(),
                    message.getCertReq().getEncoded(ASN1Encoding.DER), sig.getSignature().getOctets());
        } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new LineRefused("malformed-csr", "the CRMF request is malformed");
        }
    }

    /** True when the signature by the requested key verifies over the signed bytes. */
    public boolean possessionProven() throws SignatureCheckException {
        return dev.trustline.core.ecdsa.ProofOfPossession.verifies(publicKey, signatureAlgorithm, signed, signature);
    }
}
