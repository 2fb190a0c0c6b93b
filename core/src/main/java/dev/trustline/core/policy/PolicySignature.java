package dev.trustline.core.policy;

import dev.trustline.core.x509.Bc;
import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Hashtable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The root's detached CMS signature (SignedData, DER) over the exact bytes of a policy file, with a signed
 * signing-time attribute and the root certificate included. {@link #verify} accepts it only when the one
 * signer is the trusted root and the signature covers these exact bytes.
 */
public final class PolicySignature {
    private PolicySignature() {
    }

    /**
     * Signs {@code policyBytes} with {@code rootSigner} (the root key, e.g. in its HSM).
     *
     * @param signingTime written as the signed signing-time attribute, truncated to whole seconds
     * @return the DER encoding of the detached SignedData, the content of NAME.yaml.p7s
     */
    public static byte[] sign(byte[] policyBytes, ContentSigner rootSigner, X509CertificateHolder rootCert,
            Instant signingTime) throws PolicyException {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(Bc.provider()).build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signingTime(signingTime)))
                    .build(rootSigner, rootCert));
            generator.addCertificate(rootCert);
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(policyBytes), false);
            return signed.getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CMSException | IOException e) {
            throw new PolicyException("cannot sign the policy: " + e.getMessage(), e);
        }
    }

    /**
     * Checks the detached signature {@code p7s} over {@code policyBytes}: a detached CMS SignedData of plain
     * data with exactly one signer, which is {@code trustedRoot} (by issuer and serial or key identifier, and
     * every included certificate is the trusted root byte for byte), a signing time within the root's validity,
     * and a signature that verifies under the root's key over exactly these bytes.
     *
     * @throws PolicyException naming the first check that failed
     */
    public static VerifiedPolicySignature verify(byte[] policyBytes, byte[] p7s, X509CertificateHolder trustedRoot)
            throws PolicyException {
        CMSSignedData parsed = parse(policyBytes, p7s);
        Instant signingTime = new SignatureCheck(parsed, trustedRoot).verify();
        return new VerifiedPolicySignature(signingTime, Digests.sha256Hex(policyBytes), Dn.subject(trustedRoot));
    }

    private static AttributeTable signingTime(Instant time) {
        Date seconds = Date.from(time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        Hashtable<org.bouncycastle.asn1.ASN1ObjectIdentifier, Attribute> table = new Hashtable<>();
        table.put(CMSAttributes.signingTime, new Attribute(CMSAttributes.signingTime, new DERSet(new Time(seconds))));
        return new AttributeTable(table);
    }

    private static CMSSignedData parse(byte[] policyBytes, byte[] p7s) throws PolicyException {
        try {
            if (new CMSSignedData(p7s).getSignedContent() != null) {
                throw new PolicyException("policy signature is not detached: it must not carry the policy itself");
            }
            return new CMSSignedData(new CMSProcessableByteArray(policyBytes), p7s);
        } catch (CMSException | RuntimeException e) {
            throw new PolicyException("policy signature is not a CMS SignedData structure: " + e.getMessage(), e);
        }
    }

    static Collection<X509CertificateHolder> certificates(CMSSignedData signed) {
        return signed.getCertificates().getMatches(null);
    }
}
