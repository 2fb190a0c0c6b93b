package dev.trustline.core.policy;

import dev.trustline.core.x509.CaTbsBuilder;
import dev.trustline.core.x509.Digests;
import dev.trustline.core.x509.KeyIds;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Builds the TBS of a device certificate from the {@link Policy} alone plus the device ID, the CSR's public
 * key (nothing else is taken from the CSR), the issuer certificate, a serial and the time. It re-checks
 * what the policy demands (validity, issuer, device ID, key type) so it can never build outside it.
 * notBefore is {@code now} truncated to seconds; notAfter is notBefore plus the policy's leaf validity,
 * clipped to the issuer's notAfter. Pure: touches no disk and no HSM.
 */
public final class LeafTemplate {
    private LeafTemplate() {
    }

    /** @param signatureAlgorithm the issuer key's JCA signature algorithm name, e.g. SHA256withECDSA */
    public static TBSCertificate build(Policy policy, String deviceId, SubjectPublicKeyInfo subjectKey,
            X509CertificateHolder issuer, BigInteger serial, Instant now, String signatureAlgorithm)
            throws PolicyException {
        IssuerFacts facts = IssuerFacts.of(issuer);
        checkRequest(policy, deviceId, subjectKey, facts, now);
        Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notAfter(policy, notBefore, facts);
        X500Name subject = subject(policy, deviceId);
        V3TBSCertificateGenerator gen = new V3TBSCertificateGenerator();
        gen.setSerialNumber(new ASN1Integer(serial));
        gen.setSignature(CaTbsBuilder.algorithmId(signatureAlgorithm));
        gen.setIssuer(issuer.getSubject());
        gen.setStartDate(dev.trustline.core.x509.Asn1Times.time(notBefore));
        gen.setEndDate(dev.trustline.core.x509.Asn1Times.time(notAfter));
        gen.setSubject(subject);
        gen.setSubjectPublicKeyInfo(subjectKey);
        gen.setExtensions(extensions(policy, facts, subjectKey, policy.leaf().san().render(deviceId),
                subject.getRDNs().length == 0));
        return gen.generateTBSCertificate();
    }

    /**
     * The extensions in their fixed order. Only the subjectKeyIdentifier and the SAN differ from device to device,
     * so the other extensions, encoded for the first device of a policy and issuer, are reused as they are (the
     * encoded {@link Extension} objects are immutable) and only those two are encoded per device.
     */
    private static Extensions extensions(Policy policy, IssuerFacts facts, SubjectPublicKeyInfo key,
            Optional<GeneralNames> san, boolean emptySubject) throws PolicyException {
        Fixed fixed = lastFixed;
        if (fixed == null || fixed.policy != policy || fixed.issuer != facts.cert || fixed.emptySubject != emptySubject
                || (fixed.sanAt >= 0) != san.isPresent()) {
            ExtensionsGenerator ext = extensions(policy.leaf(), key, issuerSki(facts), san, emptySubject);
            revocation(ext, policy.revocation());
            Extensions all = ext.generate();
            lastFixed = new Fixed(policy, facts.cert, emptySubject, all);
            return all;
        }
        Extension[] mine = fixed.template.clone();
        try {
            mine[fixed.skiAt] = new Extension(Extension.subjectKeyIdentifier, false,
                    new DEROctetString(new SubjectKeyIdentifier(KeyIds.ski(key)).getEncoded(ASN1Encoding.DER)));
            if (fixed.sanAt >= 0) {
                mine[fixed.sanAt] = new Extension(Extension.subjectAlternativeName, emptySubject,
                        new DEROctetString(san.get().getEncoded(ASN1Encoding.DER)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode extension: " + e.getMessage(), e);
        }
        return new Extensions(mine);
    }

    private static volatile Fixed lastFixed;

    /** The encoded extensions of one policy and issuer, and where the per-device ones sit among them. */
    private static final class Fixed {
        final Policy policy;
        final X509CertificateHolder issuer;
        final boolean emptySubject;
        final Extension[] template;
        final int skiAt;
        final int sanAt;

        Fixed(Policy policy, X509CertificateHolder issuer, boolean emptySubject, Extensions all) {
            this.policy = policy;
            this.issuer = issuer;
            this.emptySubject = emptySubject;
            org.bouncycastle.asn1.ASN1ObjectIdentifier[] oids = all.getExtensionOIDs();
            this.template = new Extension[oids.length];
            int ski = -1;
            int sanIndex = -1;
            for (int i = 0; i < oids.length; i++) {
                template[i] = all.getExtension(oids[i]);
                ski = oids[i].equals(Extension.subjectKeyIdentifier) ? i : ski;
                sanIndex = oids[i].equals(Extension.subjectAlternativeName) ? i : sanIndex;
            }
            this.skiAt = ski;
            this.sanAt = sanIndex;
        }
    }

    private static void checkRequest(Policy policy, String deviceId, SubjectPublicKeyInfo subjectKey,
            IssuerFacts facts, Instant now) throws PolicyException {
        X509CertificateHolder issuer = facts.cert;
        if (!policy.isValidAt(now)) {
            throw new PolicyException("policy " + policy.id() + " is not valid at " + now + " (valid from "
                    + policy.notBefore() + " to " + policy.notAfter() + ")");
        }
        if (!facts.matches(policy.issuer())) {
            throw new PolicyException("issuer " + Dn.subject(issuer) + " is not the intermediate policy "
                    + policy.id() + " names (" + policy.issuer().describe() + ")");
        }
        policy.deviceId().check(deviceId);
        policy.keyTypeRule().check(subjectKey);
        if (now.isBefore(facts.notBefore) || !now.isBefore(facts.notAfter)) {
            throw new PolicyException("issuer " + Dn.subject(issuer) + " is not valid at " + now);
        }
    }

    private static Instant notAfter(Policy policy, Instant notBefore, IssuerFacts issuer) {
        Instant wanted = notBefore.plus(Duration.ofDays(policy.leaf().validityDays()));
        Instant issuerNotAfter = issuer.notAfter;
        return wanted.isAfter(issuerNotAfter) ? issuerNotAfter : wanted;
    }

    private static X500Name subject(Policy policy, String deviceId) throws PolicyException {
        X500Name subject = policy.leaf().subject().render(deviceId);
        for (RDN rdn : subject.getRDNs()) {
            String value = Dn.text(rdn.getFirst().getValue());
            if (value.length() > 64) {
                throw new PolicyException("subject attribute value '" + value + "' for device ID '" + deviceId
                        + "' is longer than 64 characters");
            }
        }
        return subject;
    }

    private static byte[] issuerSki(IssuerFacts issuer) throws PolicyException {
        byte[] ski = issuer.ski();
        if (ski == null) {
            throw new PolicyException("issuer " + Dn.subject(issuer.cert) + " has no subjectKeyIdentifier");
        }
        return ski;
    }

    /** The policy's CRL distribution point and OCSP responder (AIA), when it names them. */
    private static void revocation(ExtensionsGenerator ext, Revocation r) {
        try {
            if (r.crlUrl() != null) {
                GeneralNames name = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, r.crlUrl()));
                ext.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(name), null, null)}));
            }
            if (r.ocspUrl() != null) {
                ext.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, r.ocspUrl())));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode extension: " + e.getMessage(), e);
        }
    }

    private static ExtensionsGenerator extensions(LeafProfile leaf, SubjectPublicKeyInfo key, byte[] issuerSki,
            Optional<GeneralNames> san, boolean emptySubject) {
        ExtensionsGenerator ext = new ExtensionsGenerator();
        try {
            ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int bits = leaf.keyUsage().stream().mapToInt(LeafKeyUsage::bit).reduce(0, (a, b) -> a | b);
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(bits));
            ext.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    leaf.extKeyUsage().stream().map(LeafExtKeyUsage::purpose).toArray(KeyPurposeId[]::new)));
            ext.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(KeyIds.ski(key)));
            ext.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerSki));
            if (san.isPresent()) {
                ext.addExtension(Extension.subjectAlternativeName, emptySubject, san.get());
            }
            return ext;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode extension: " + e.getMessage(), e);
        }
    }
}
