package dev.trustline.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

class PolicyScopeTest {
    private static final String TEST_ROOT = "C=GB,O=Example Gateways Ltd,CN=Example Gateways TEST Root CA 2026";
    private static final String INTERMEDIATE = "C=GB,O=Example Gateways Ltd,OU=Shenzhen Factory,CN=Gateway "
            + "Manufacturing CA Shenzhen 2026";
    private static final List<KeyPurposeId> CLIENT_AUTH = List.of(KeyPurposeId.id_kp_clientAuth);
    private static final NameConstraints SHENZHEN =
            TestPki.permitted(new X500Name("O=Example Gateways Ltd,OU=Shenzhen Factory"));

    private static Policy policyFor(X509CertificateHolder intermediate, String... edits) throws Exception {
        String text = TestPki.policyText(intermediate);
        for (int i = 0; i < edits.length; i += 2) {
            text = PolicyYaml.edit(text, edits[i], edits[i + 1]);
        }
        return PolicyYaml.parse(text);
    }

    private static String refusal(Policy policy, X509CertificateHolder root, X509CertificateHolder intermediate,
            Instant now) {
        return assertThrows(PolicyException.class, () -> policy.checkUsableUnder(root, intermediate, now)).getMessage();
    }

    @Test
    void check_matchingPolicy_isUsable() throws Exception {
        TestPki.policy().checkUsableUnder(TestPki.ROOT, TestPki.INTERMEDIATE, TestPki.NOW);
    }

    @Test
    void check_expiredPolicy_isRefused() {
        assertEquals("policy shenzhen-gateways-2026 expired at 2027-11-01T00:00:00Z (now 2027-11-01T00:00:01Z)",
                refusal(TestPki.policy(), TestPki.ROOT, TestPki.INTERMEDIATE, Instant.parse("2027-11-01T00:00:01Z")));
    }

    @Test
    void check_notYetValidPolicy_isRefused() throws Exception {
        Policy policy = policyFor(TestPki.INTERMEDIATE, "not-before: 2026-11-01T00:00:00Z",
                "not-before: 2027-01-01T00:00:00Z");
        assertEquals("policy shenzhen-gateways-2026 is not valid until 2027-01-01T00:00:00Z (now 2026-12-01T08:30:15.250Z)",
                refusal(policy, TestPki.ROOT, TestPki.INTERMEDIATE, TestPki.NOW));
    }

    @Test
    void check_policyBoundToTheIntermediatesPublicKey_isUsable() throws Exception {
        String keySha = dev.trustline.core.x509.Digests.sha256Hex(TestPki.INTERMEDIATE.getSubjectPublicKeyInfo().getEncoded("DER"));
        Policy policy = PolicyYaml.parse(PolicyYaml.BASE.replace("certificate-sha256: \"" + PolicyYaml.ISSUER_SHA256,
                "public-key-sha256: \"" + keySha));
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> policy.checkUsableUnder(TestPki.ROOT, TestPki.INTERMEDIATE, TestPki.NOW));
    }

    @Test
    void check_policyForAnotherIntermediate_isRefused() throws Exception {
        Policy policy = PolicyYaml.parse(PolicyYaml.BASE);
        assertEquals("policy shenzhen-gateways-2026 is for the intermediate with certificate-sha256 " + PolicyYaml.ISSUER_SHA256
                + ", not for " + INTERMEDIATE + " (certificate-sha256 " + TestPki.sha256(TestPki.INTERMEDIATE) + ")",
                refusal(policy, TestPki.ROOT, TestPki.INTERMEDIATE, TestPki.NOW));
    }

    @Test
    void check_intermediateNotIssuedByTheRoot_isRefused() {
        X509CertificateHolder sameNameOtherKey = TestPki.root(TEST_ROOT, Keys.p384("other-root"));
        assertEquals("policy shenzhen-gateways-2026: intermediate " + INTERMEDIATE + " was not issued by the root "
                + TEST_ROOT, refusal(TestPki.policy(), sameNameOtherKey, TestPki.INTERMEDIATE, TestPki.NOW));
    }

    @Test
    void check_testPolicyUnderProductionRoot_isRefused() throws Exception {
        X509CertificateHolder intermediate = TestPki.intermediate(TestPki.PRODUCTION_ROOT, CLIENT_AUTH, SHENZHEN);
        assertEquals("policy shenzhen-gateways-2026 is a test policy and cannot be used under the production root "
                + "C=GB,O=Example Gateways Ltd,CN=Example Gateways Root CA 2026",
                refusal(policyFor(intermediate), TestPki.PRODUCTION_ROOT, intermediate, TestPki.NOW));
    }

    @Test
    void check_productionPolicyUnderTestRoot_isRefused() throws Exception {
        Policy policy = policyFor(TestPki.INTERMEDIATE, "environment: test", "environment: production");
        assertEquals("policy shenzhen-gateways-2026 is a production policy and cannot be used under the test root "
                + TEST_ROOT, refusal(policy, TestPki.ROOT, TestPki.INTERMEDIATE, TestPki.NOW));
    }

    /** The issue's case: a production root whose name happens to contain "TEST" (ATTESTATION) is production. */
    @Test
    void check_productionRootNamedAttestation_isProductionByItsMarkerNotItsName() throws Exception {
        X509CertificateHolder root = TestPki.root(dev.trustline.core.Environment.PRODUCTION,
                "C=GB,O=Example Gateways Ltd,CN=Device ATTESTATION Root CA", TestPki.ROOT_KEYS);
        X509CertificateHolder intermediate = TestPki.intermediate(root, CLIENT_AUTH, SHENZHEN);
        assertEquals("policy shenzhen-gateways-2026 is a test policy and cannot be used under the production root "
                + "C=GB,O=Example Gateways Ltd,CN=Device ATTESTATION Root CA", refusal(policyFor(intermediate), root, intermediate, TestPki.NOW));
        Policy production = policyFor(intermediate, "environment: test", "environment: production");
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> production.checkUsableUnder(root, intermediate, TestPki.NOW));
    }

    @Test
    void check_intermediateMarkedOtherThanItsRoot_isRefused() throws Exception {
        X509CertificateHolder productionMarked = TestPki.intermediate(TestPki.PRODUCTION_ROOT, CLIENT_AUTH, SHENZHEN);
        String refusal = refusal(policyFor(productionMarked), TestPki.ROOT, productionMarked, TestPki.NOW);
        org.junit.jupiter.api.Assertions.assertTrue(refusal.contains("the intermediate " + INTERMEDIATE
                + " is not marked with its root's environment (it says production)"), refusal);
    }

    @Test
    void check_extKeyUsageOutsideTheIntermediates_isRefused() throws Exception {
        Policy policy = policyFor(TestPki.INTERMEDIATE, "ext-key-usage: [clientAuth]",
                "ext-key-usage: [clientAuth, serverAuth]");
        assertEquals("policy shenzhen-gateways-2026 asks for extended key usage serverAuth, which the intermediate "
                + INTERMEDIATE + " does not allow (it allows: clientAuth)",
                refusal(policy, TestPki.ROOT, TestPki.INTERMEDIATE, TestPki.NOW));
    }

    @Test
    void check_intermediateWithoutOrWithAnyExtKeyUsage_allowsEveryPurpose() throws Exception {
        for (List<KeyPurposeId> ekus : List.of(List.<KeyPurposeId>of(), List.of(KeyPurposeId.anyExtendedKeyUsage))) {
            X509CertificateHolder intermediate = TestPki.intermediate(ekus, SHENZHEN);
            policyFor(intermediate, "ext-key-usage: [clientAuth]", "ext-key-usage: [clientAuth, serverAuth]")
                    .checkUsableUnder(TestPki.ROOT, intermediate, TestPki.NOW);
        }
    }

    @Test
    void check_subjectOutsidePermittedDirectoryNames_isRefused() throws Exception {
        Policy policy = policyFor(TestPki.INTERMEDIATE, "{OU: Shenzhen Factory}", "{OU: Austin Factory}");
        assertEquals("policy shenzhen-gateways-2026: subject O=Example Gateways Ltd,OU=Austin Factory,CN={device_id} "
                + "is outside the intermediate's permitted directory names [O=Example Gateways Ltd,OU=Shenzhen Factory]",
                refusal(policy, TestPki.ROOT, TestPki.INTERMEDIATE, TestPki.NOW));
    }

    @Test
    void check_permittedSubtreeComparedCaseInsensitively_andWithoutConstraintsAnythingGoes() throws Exception {
        X509CertificateHolder lowerCase = TestPki.intermediate(CLIENT_AUTH,
                TestPki.permitted(new X500Name("O=example gateways ltd,OU=shenzhen  factory")));
        policyFor(lowerCase).checkUsableUnder(TestPki.ROOT, lowerCase, TestPki.NOW);
        X509CertificateHolder unconstrained = TestPki.intermediate(CLIENT_AUTH, null);
        policyFor(unconstrained, "{OU: Shenzhen Factory}", "{OU: Austin Factory}")
                .checkUsableUnder(TestPki.ROOT, unconstrained, TestPki.NOW);
    }

    @Test
    void check_permittedSubtreeThatReachesTheDeviceId_isRefused() throws Exception {
        X509CertificateHolder intermediate = TestPki.intermediate(CLIENT_AUTH, TestPki.permitted(
                new X500Name("O=Example Gateways Ltd,OU=Shenzhen Factory,CN=GW1234567897")));
        String message = refusal(policyFor(intermediate), TestPki.ROOT, intermediate, TestPki.NOW);
        assertEquals(true, message.contains("is outside the intermediate's permitted directory names"), message);
    }

    @Test
    void check_subjectThatMayFallInAnExcludedSubtree_isRefused() throws Exception {
        NameConstraints excluded = new NameConstraints(null, new GeneralSubtree[] {new GeneralSubtree(
                new GeneralName(new X500Name("O=Example Gateways Ltd,OU=Shenzhen Factory,CN=GW0000000018")))});
        X509CertificateHolder intermediate = TestPki.intermediate(CLIENT_AUTH, excluded);
        assertEquals("policy shenzhen-gateways-2026: subject O=Example Gateways Ltd,OU=Shenzhen Factory,CN={device_id} "
                + "may fall within the intermediate's excluded directory name O=Example Gateways Ltd,OU=Shenzhen "
                + "Factory,CN=GW0000000018", refusal(policyFor(intermediate), TestPki.ROOT, intermediate, TestPki.NOW));
    }

    @Test
    void check_everyProblemIsNamedAtOnce() {
        String message = refusal(PolicyYaml.parseUnchecked(PolicyYaml.BASE), TestPki.PRODUCTION_ROOT,
                TestPki.INTERMEDIATE, Instant.parse("2028-01-01T00:00:00Z"));
        assertEquals(5, message.split("; ").length, message); // the intermediate is also not marked with the root's environment
    }
}
