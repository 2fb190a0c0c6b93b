package dev.trustline.core.policy;

import dev.trustline.core.Environment;
import dev.trustline.core.x509.Bc;
import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * The signer's startup check that a policy may be used with this root and intermediate at this time:
 * the policy is within its validity, names this intermediate, which the root issued and which is valid
 * now, matches the environment that root and intermediate carry as a certificatePolicies OID, and asks only
 * for extended key usages and subject names the intermediate may certify. Pure.
 */
public final class PolicyScope {
    private PolicyScope() {
    }

    /** Throws one {@link PolicyException} naming every reason the policy is unusable, or returns. */
    public static void check(Policy policy, X509CertificateHolder root, X509CertificateHolder intermediate,
            Instant now) throws PolicyException {
        List<String> problems = new ArrayList<>();
        checkTime(policy, now, problems);
        checkIssuer(policy, root, intermediate, now, problems);
        checkEnvironment(policy, root, intermediate, problems);
        checkExtKeyUsage(policy, intermediate, problems);
        problems.addAll(NameScope.check(policy, intermediate));
        if (!problems.isEmpty()) {
            throw new PolicyException(String.join("; ", problems));
        }
    }

    private static void checkTime(Policy policy, Instant now, List<String> problems) {
        if (now.isBefore(policy.notBefore())) {
            problems.add("policy " + policy.id() + " is not valid until " + policy.notBefore() + " (now " + now + ")");
        } else if (now.isAfter(policy.notAfter())) {
            problems.add("policy " + policy.id() + " expired at " + policy.notAfter() + " (now " + now + ")");
        }
    }

    private static void checkIssuer(Policy policy, X509CertificateHolder root, X509CertificateHolder intermediate,
            Instant now, List<String> problems) {
        if (!policy.issuer().matches(intermediate)) {
            problems.add("policy " + policy.id() + " is for the intermediate with " + policy.issuer().describe()
                    + ", not for " + Dn.subject(intermediate) + " (" + policy.issuer().kind().field() + " "
                    + policy.issuer().actual(intermediate) + ")");
        }
        if (!intermediate.getIssuer().equals(root.getSubject()) || !signedBy(intermediate, root)) {
            problems.add("policy " + policy.id() + ": intermediate " + Dn.subject(intermediate)
                    + " was not issued by the root " + Dn.subject(root));
        }
        if (!intermediate.isValidOn(java.util.Date.from(now))) {
            problems.add("policy " + policy.id() + ": intermediate " + Dn.subject(intermediate) + " is not valid at "
                    + now);
        }
    }

    /** The environment is read from the TrustLine certificatePolicies OID of root and intermediate. */
    private static void checkEnvironment(Policy policy, X509CertificateHolder root, X509CertificateHolder intermediate,
            List<String> problems) {
        Optional<Environment> rootEnvironment = Environment.of(root);
        Optional<Environment> intermediateEnvironment = Environment.of(intermediate);
        if (rootEnvironment.isEmpty()) {
            problems.add("the root " + Dn.subject(root) + " carries no TrustLine environment marker (exactly one"
                    + " production or test OID in certificatePolicies)");
        } else if (rootEnvironment.get() != policy.environment()) {
            problems.add("policy " + policy.id() + " is a " + policy.environment().configName()
                    + " policy and cannot be used under the " + rootEnvironment.get().configName() + " root "
                    + Dn.subject(root));
        }
        if (intermediateEnvironment.isEmpty() || !intermediateEnvironment.equals(rootEnvironment)) {
            problems.add("the intermediate " + Dn.subject(intermediate) + " is not marked with its root's environment"
                    + intermediateEnvironment.map(e -> " (it says " + e.configName() + ")").orElse(" (no marker)"));
        }
    }

    private static void checkExtKeyUsage(Policy policy, X509CertificateHolder intermediate, List<String> problems) {
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(intermediate.getExtensions());
        if (eku == null || eku.hasKeyPurposeId(KeyPurposeId.anyExtendedKeyUsage)) {
            return;
        }
        for (LeafExtKeyUsage usage : policy.leaf().extKeyUsage()) {
            if (!eku.hasKeyPurposeId(usage.purpose())) {
                problems.add("policy " + policy.id() + " asks for extended key usage " + usage.configName()
                        + ", which the intermediate " + Dn.subject(intermediate) + " does not allow (it allows: "
                        + Arrays.stream(eku.getUsages()).map(PolicyScope::purposeName).collect(Collectors.joining(", "))
                        + ")");
            }
        }
    }

    private static String purposeName(KeyPurposeId id) {
        return Arrays.stream(LeafExtKeyUsage.values()).filter(u -> u.purpose().equals(id))
                .map(LeafExtKeyUsage::configName).findFirst().orElse(id.getId());
    }

    private static boolean signedBy(X509CertificateHolder cert, X509CertificateHolder issuer) {
        try {
            return cert.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Bc.provider())
                    .build(new JcaX509CertificateConverter().setProvider(Bc.provider()).getCertificate(issuer)));
        } catch (OperatorCreationException | CertException | java.security.cert.CertificateException e) {
            return false;
        }
    }

    static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode certificate: " + e.getMessage(), e);
        }
    }
}
