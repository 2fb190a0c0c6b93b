package dev.trustline.core.policy;

import dev.trustline.core.Environment;
import dev.trustline.core.x509.Bc;
import dev.trustline.core.x509.CaProfile;
import dev.trustline.core.x509.CaTbsBuilder;
import dev.trustline.core.x509.Digests;
import dev.trustline.core.x509.KeyIds;
import dev.trustline.core.x509.Serials;
import dev.trustline.core.x509.TbsSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A software root and a scoped intermediate built with the production CA builder, as the example ceremony
 * makes them: a P-384 root (a test root: marked test by its certificatePolicies OID) and a P-256 intermediate limited to clientAuth
 * and to directoryName O=Example Gateways Ltd, OU=Shenzhen Factory.
 */
final class TestPki {
    static final Instant NOT_BEFORE = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-12-01T08:30:15.250Z");
    static final KeyPair ROOT_KEYS = Keys.p384("root");
    static final KeyPair INTERMEDIATE_KEYS = Keys.p256("intermediate");
    static final X509CertificateHolder ROOT = root("C=GB,O=Example Gateways Ltd,CN=Example Gateways TEST Root CA 2026",
            ROOT_KEYS);
    static final X509CertificateHolder PRODUCTION_ROOT = root(Environment.PRODUCTION,
            "C=GB,O=Example Gateways Ltd,CN=Example Gateways Root CA 2026", ROOT_KEYS);
    static final X509CertificateHolder INTERMEDIATE = intermediate(List.of(KeyPurposeId.id_kp_clientAuth),
            permitted(new X500Name("O=Example Gateways Ltd,OU=Shenzhen Factory")));

    private TestPki() {
    }

    /** A test root (marked test in certificatePolicies, whatever its name says). */
    static X509CertificateHolder root(String subject, KeyPair keys) {
        return root(Environment.TEST, subject, keys);
    }

    static X509CertificateHolder root(Environment environment, String subject, KeyPair keys) {
        CaProfile profile = new CaProfile(environment, new X500Name(subject), NOT_BEFORE, Instant.parse("2046-11-01T00:00:00Z"), 1,
                List.of(), null, List.of(), List.of(), List.of());
        TBSCertificate tbs = CaTbsBuilder.build(profile, Keys.spki(keys), profile.subject(), null, Serials.random(),
                "SHA384withECDSA");
        return sign(tbs, keys.getPrivate(), "SHA384withECDSA");
    }

    /** An intermediate under {@link #ROOT}, valid 2026-11-01 to 2031-11-01, with the given EKUs and constraints. */
    static X509CertificateHolder intermediate(List<KeyPurposeId> ekus, NameConstraints constraints) {
        return intermediate(ROOT, ekus, constraints);
    }

    /** The same under another root (signed with {@link #ROOT_KEYS}, which every test root shares). */
    static X509CertificateHolder intermediate(X509CertificateHolder root, List<KeyPurposeId> ekus,
            NameConstraints constraints) {
        CaProfile profile = new CaProfile(Environment.of(root).orElse(Environment.TEST),
                new X500Name("C=GB,O=Example Gateways Ltd,OU=Shenzhen Factory,CN=Gateway Manufacturing CA Shenzhen 2026"),
                NOT_BEFORE, Instant.parse("2031-11-01T00:00:00Z"), 0, ekus, constraints, List.of(), List.of(),
                List.of());
        TBSCertificate tbs = CaTbsBuilder.build(profile, Keys.spki(INTERMEDIATE_KEYS), root.getSubject(),
                KeyIds.ski(root.getSubjectPublicKeyInfo()), Serials.random(), "SHA384withECDSA");
        return sign(tbs, ROOT_KEYS.getPrivate(), "SHA384withECDSA");
    }

    static NameConstraints permitted(X500Name base) {
        return new NameConstraints(new GeneralSubtree[] {new GeneralSubtree(new GeneralName(base))}, null);
    }

    static String sha256(X509CertificateHolder cert) {
        try {
            return Digests.sha256Hex(cert.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base policy text, naming {@link #INTERMEDIATE} as its issuer. */
    static String policyText() {
        return policyText(INTERMEDIATE);
    }

    static String policyText(X509CertificateHolder issuer) {
        return PolicyYaml.edit(PolicyYaml.ISSUER_SHA256, sha256(issuer));
    }

    static Policy policy() {
        try {
            return PolicyYaml.parse(policyText());
        } catch (dev.trustline.core.config.ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    static ContentSigner signer(PrivateKey key, String algorithm) {
        try {
            return new JcaContentSignerBuilder(algorithm).setProvider(Bc.provider()).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509CertificateHolder sign(TBSCertificate tbs, PrivateKey key, String algorithm) {
        try {
            return TbsSigner.sign(tbs, signer(key, algorithm));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
