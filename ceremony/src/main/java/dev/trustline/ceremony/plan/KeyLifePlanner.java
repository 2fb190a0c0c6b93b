package dev.trustline.ceremony.plan;

import dev.trustline.ceremony.plan.CeremonyFile.CrossSignConfig;
import dev.trustline.ceremony.plan.CeremonyFile.ExistingCaConfig;
import dev.trustline.ceremony.plan.Steps.CrossSign;
import dev.trustline.ceremony.plan.Steps.ExistingCa;
import dev.trustline.ceremony.plan.Steps.InputFile;
import dev.trustline.core.Environment;
import dev.trustline.core.config.Problems;
import dev.trustline.core.policy.KeyTypeRule;
import dev.trustline.core.x509.CaProfile;
import dev.trustline.core.x509.KeyAlgorithm;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The later-days steps that work with roots: existing-ca (a root from an earlier ceremony, its key on a
 * token here) and cross-sign (one root certifies another root's key: the rollover link certificates).
 */
public final class KeyLifePlanner {
    private KeyLifePlanner() {
    }

    /** The validated step, or null after naming its problems; {@code profile[0]} receives the root's profile. */
    static ExistingCa existingCa(ExistingCaConfig c, String path, Environment environment, java.nio.file.Path baseDir, Problems p,
                                 CaProfile[] profile) {
        InputFile in = InputFiles.read(baseDir, c.certificate(), path + ".certificate", p);
        X509CertificateHolder cert = in == null ? null : InputFiles.certificate(in, path + ".certificate", p);
        if (cert == null) {
            return null;
        }
        BasicConstraints bc = BasicConstraints.fromExtensions(cert.getExtensions());
        boolean ok = p.require(cert.getSubject().equals(cert.getIssuer()) && bc != null && bc.isCA(), path + ".certificate",
                in.path() + " is not a root (a self-issued CA certificate)");
        String keyType = KeyTypeRule.keyTypeName(cert.getSubjectPublicKeyInfo());
        Optional<KeyAlgorithm> alg = KeyAlgorithm.fromConfigName(keyType);
        ok &= p.require(alg.isPresent(), path + ".certificate", in.path() + " has a " + keyType + " key, which TrustLine cannot use");
        Optional<Environment> marked = Environment.of(cert);
        ok &= p.require(environment == null || marked.equals(Optional.of(environment)), path + ".certificate", in.path()
                + marked.map(e -> " is a " + e.configName() + " root").orElse(" carries no TrustLine environment OID")
                + (environment == null ? "" : ", not a " + environment.configName() + " one"));
        if (!ok || environment == null) {
            return null;
        }
        profile[0] = profileOf(environment, cert);
        return new ExistingCa(c.id(), c.token(), c.keyLabel(), alg.get(), in, cert, c.output());
    }

    /** destroy-key: the certificate (of any CA the key served) names the key whose objects are destroyed. */
    static Steps.DestroyKey destroyKey(CeremonyFile.DestroyKeyConfig c, String path, java.nio.file.Path baseDir, Problems p) {
        boolean ok = p.require(c.output() != null && c.output().endsWith(".json"), path + ".output",
                "must be NAME.json (the token's object listing after the deletion)");
        InputFile in = InputFiles.read(baseDir, c.certificate(), path + ".certificate", p);
        X509CertificateHolder cert = in == null ? null : InputFiles.certificate(in, path + ".certificate", p);
        if (cert == null || !ok) {
            return null;
        }
        Optional<KeyAlgorithm> alg = KeyAlgorithm.fromConfigName(KeyTypeRule.keyTypeName(cert.getSubjectPublicKeyInfo()));
        if (!p.require(alg.isPresent(), path + ".certificate", in.path() + " has a key type TrustLine cannot use")) {
            return null;
        }
        return new Steps.DestroyKey(c.id(), c.token(), c.keyLabel(), alg.get(), in, cert, c.output());
    }

    /** What a root's certificate says, as the profile its subordinates are checked against. */
    public static CaProfile profileOf(Environment environment, X509CertificateHolder cert) {
        BasicConstraints bc = BasicConstraints.fromExtensions(cert.getExtensions());
        Integer pathLen = bc.getPathLenConstraint() == null ? null : bc.getPathLenConstraint().intValue();
        return new CaProfile(environment, cert.getSubject(), cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), pathLen,
                List.of(), null, List.of(), List.of(), List.of());
    }

    /**
     * cross-sign: issuer and subject-ca name two different root steps; the link certificate's validity nests in the
     * issuer's and ends no later than the subject root's own certificate; its path-len (default: the subject root's)
     * may not exceed the subject root's.
     */
    static CrossSign crossSign(CrossSignConfig c, String path, Environment environment, CaProfile issuer, CaProfile subject,
                               Problems p) {
        boolean ok = environment != null & p.require(issuer != null, path + ".issuer", "must name an earlier create-root or existing-ca step"
                + (c.issuer() == null ? "" : " ('" + c.issuer() + "' is not one)"));
        ok &= p.require(subject != null, path + ".subject-ca", "must name an earlier create-root or existing-ca step"
                + (c.subjectCa() == null ? "" : " ('" + c.subjectCa() + "' is not one)"));
        ok &= p.require(c.subjectCa() == null || !c.subjectCa().equals(c.issuer()), path + ".subject-ca",
                "must be another root than the issuer (a root's own certificate is create-root)");
        Instant[] window = ProfileParser.validity(c.validity(), path + ".validity", p);
        if (!ok || window == null) {
            return null;
        }
        ok &= p.require(!window[0].isBefore(issuer.notBefore()), path + ".validity.not-before", "is before the issuer's not-before " + issuer.notBefore());
        ok &= p.require(!window[1].isAfter(issuer.notAfter()), path + ".validity.not-after", "is after the issuer's not-after " + issuer.notAfter());
        ok &= p.require(!window[1].isAfter(subject.notAfter()), path + ".validity.not-after",
                "is after the subject root's own not-after " + subject.notAfter());
        Integer pathLen = c.pathLen() != null ? c.pathLen() : subject.pathLen();
        ok &= p.require(pathLen == null || pathLen >= 0, path + ".path-len", "must not be negative");
        ok &= p.require(subject.pathLen() == null || (pathLen != null && pathLen <= subject.pathLen()), path + ".path-len",
                "must not exceed the subject root's path-len " + subject.pathLen());
        ok &= p.require(issuer.pathLen() == null || (pathLen != null && pathLen < issuer.pathLen()), path + ".path-len",
                "must be less than the issuer's path-len " + issuer.pathLen() + " (the link certificate is one CA below it)");
        if (!ok) {
            return null;
        }
        CaProfile profile = new CaProfile(environment, subject.subject(), window[0], window[1], pathLen, List.of(), null, List.of(), List.of(), List.of());
        return new CrossSign(c.id(), c.issuer(), c.subjectCa(), profile, c.output());
    }

    /** The certificate subject's CN, or null. */
    static String commonName(X509CertificateHolder cert) {
        var rdns = cert.getSubject().getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN);
        return rdns.length == 0 ? null : org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
