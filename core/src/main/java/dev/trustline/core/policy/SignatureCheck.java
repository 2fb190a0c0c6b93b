package dev.trustline.core.policy;

import dev.trustline.core.x509.Bc;
import dev.trustline.core.x509.Digests;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * The checks of a parsed detached policy signature, in order: it signs plain data, has exactly one
 * signer, that signer is the trusted root (by issuer and serial or key identifier, and every included
 * certificate is the trusted root itself), its signing time is present and within the root's validity,
 * and the signature verifies under the root's public key over the given bytes.
 */
final class SignatureCheck {
    private static final String NOT_VERIFIED =
            "policy signature does not verify: the policy file was changed or signed by another key";
    private final CMSSignedData signed;
    private final X509CertificateHolder root;

    SignatureCheck(CMSSignedData signed, X509CertificateHolder root) {
        this.signed = signed;
        this.root = root;
    }

    Instant verify() throws PolicyException {
        if (!CMSObjectIdentifiers.data.getId().equals(signed.getSignedContentTypeOID())) {
            throw new PolicyException("policy signature does not sign plain data (content type "
                    + signed.getSignedContentTypeOID() + ")");
        }
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new PolicyException("policy signature must have exactly one signer, not " + signers.size());
        }
        SignerInformation signer = signers.iterator().next();
        checkSigner(signer.getSID());
        Instant signingTime = signingTime(signer);
        checkSignature(signer);
        return signingTime;
    }

    private void checkSigner(SignerId sid) throws PolicyException {
        Collection<X509CertificateHolder> included = PolicySignature.certificates(signed);
        if (!sid.match(root)) {
            String who = included.stream().filter(sid::match).findFirst().map(Dn::subject)
                    .orElse(sid.getIssuer() != null ? "a certificate of " + sid.getIssuer() + " with serial "
                            + dev.trustline.core.x509.Serials.hex(sid.getSerialNumber()) : "an unknown key");
            throw new PolicyException("policy was signed by " + who + ", not by the trusted root " + Dn.subject(root));
        }
        for (X509CertificateHolder certificate : included) {
            if (!sameBytes(certificate, root)) {
                throw new PolicyException("policy signature carries the certificate " + Dn.subject(certificate)
                        + " (SHA-256 " + Digests.sha256Hex(PolicyScope.encoded(certificate)) + "), which is not the trusted root "
                        + Dn.subject(root));
            }
        }
    }

    private Instant signingTime(SignerInformation signer) throws PolicyException {
        AttributeTable attributes = signer.getSignedAttributes();
        Attribute attribute = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            throw new PolicyException("policy signature has no signing time");
        }
        ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
        Date time = Time.getInstance(value).getDate();
        if (!root.isValidOn(time)) {
            throw new PolicyException("policy signing time " + time.toInstant() + " is outside the trusted root's "
                    + "validity (" + root.getNotBefore().toInstant() + " to " + root.getNotAfter().toInstant() + ")");
        }
        return time.toInstant();
    }

    private void checkSignature(SignerInformation signer) throws PolicyException {
        try {
            boolean valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.provider()).build(root));
            if (!valid) {
                throw new PolicyException(NOT_VERIFIED);
            }
        } catch (CMSException e) {
            throw new PolicyException(NOT_VERIFIED, e);
        } catch (OperatorCreationException | java.security.cert.CertificateException e) {
            throw new PolicyException("cannot verify the policy signature: " + e.getMessage(), e);
        }
    }

    private static boolean sameBytes(X509CertificateHolder a, X509CertificateHolder b) {
        return Arrays.equals(PolicyScope.encoded(a), PolicyScope.encoded(b));
    }
}
