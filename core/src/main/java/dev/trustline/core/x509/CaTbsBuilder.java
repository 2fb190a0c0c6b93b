package dev.trustline.core.x509;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * Builds the TBS of a CA certificate from a {@link CaProfile} alone: nothing is taken from a CSR but
 * the public key. Pure: touches no disk and no HSM.
 */
public final class CaTbsBuilder {
    private CaTbsBuilder() {
    }

    /**
     * @param issuerName     the issuer's subject (the profile's subject for a root)
     * @param issuerSki      the issuer's subject key identifier, or null for a self-signed root
     * @param signatureAlgorithm the issuer key's JCA signature algorithm name
     */
    public static TBSCertificate build(CaProfile profile, SubjectPublicKeyInfo subjectKey, X500Name issuerName,
                                       byte[] issuerSki, BigInteger serial, String signatureAlgorithm) {
        V3TBSCertificateGenerator gen = new V3TBSCertificateGenerator();
        gen.setSerialNumber(new ASN1Integer(serial));
        gen.setSignature(algorithmId(signatureAlgorithm));
        gen.setIssuer(issuerName);
        gen.setStartDate(new Time(Date.from(profile.notBefore())));
        gen.setEndDate(new Time(Date.from(profile.notAfter())));
        gen.setSubject(profile.subject());
        gen.setSubjectPublicKeyInfo(subjectKey);
        gen.setExtensions(extensions(profile, subjectKey, issuerSki).generate());
        return gen.generateTBSCertificate();
    }

    public static AlgorithmIdentifier algorithmId(String signatureAlgorithm) {
        return new DefaultSignatureAlgorithmIdentifierFinder().find(signatureAlgorithm);
    }

    private static ExtensionsGenerator extensions(CaProfile p, SubjectPublicKeyInfo key, byte[] issuerSki) {
        ExtensionsGenerator ext = new ExtensionsGenerator();
        try {
            BasicConstraints bc = p.pathLen() == null ? new BasicConstraints(true) : new BasicConstraints(p.pathLen());
            ext.addExtension(Extension.basicConstraints, true, bc);
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ext.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(KeyIds.ski(key)));
            if (issuerSki != null) {
                ext.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerSki));
            }
            if (!p.extKeyUsages().isEmpty()) {
                ext.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(p.extKeyUsages().toArray(new KeyPurposeId[0])));
            }
            ext.addExtension(Extension.certificatePolicies, false, p.environment().certificatePolicies());
            if (p.nameConstraints() != null) {
                ext.addExtension(Extension.nameConstraints, true, p.nameConstraints());
            }
            addUrls(ext, p);
            return ext;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode extension: " + e.getMessage(), e);
        }
    }

    private static void addUrls(ExtensionsGenerator ext, CaProfile p) throws IOException {
        if (!p.crlDistributionPoints().isEmpty()) {
            DistributionPoint[] points = p.crlDistributionPoints().stream()
                    .map(u -> new DistributionPoint(new DistributionPointName(new GeneralNames(uri(u))), null, null))
                    .toArray(DistributionPoint[]::new);
            ext.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(points));
        }
        if (!p.caIssuersUrls().isEmpty() || !p.ocspUrls().isEmpty()) {
            ASN1Encodable[] access = java.util.stream.Stream.concat(
                    p.ocspUrls().stream().map(u -> new AccessDescription(AccessDescription.id_ad_ocsp, uri(u))),
                    p.caIssuersUrls().stream().map(u -> new AccessDescription(AccessDescription.id_ad_caIssuers, uri(u))))
                    .toArray(ASN1Encodable[]::new);
            ext.addExtension(Extension.authorityInfoAccess, false,
                    AuthorityInformationAccess.getInstance(new DERSequence(access)));
        }
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }
}
