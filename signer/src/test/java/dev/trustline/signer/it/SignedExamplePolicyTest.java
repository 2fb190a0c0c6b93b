package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.policy.Policy;
import dev.trustline.core.policy.PolicySignature;
import dev.trustline.core.x509.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The checked-in signed example (policies/examples/signed) verifies, and a changed byte does not. */
class SignedExamplePolicyTest {
    static final Path DIR = Path.of(System.getProperty("trustline.root", ".."), "policies/examples/signed");

    @Test
    void signedExample_verifiesAgainstItsTestRootAndFitsItsIntermediate() throws Exception {
        byte[] bytes = Files.readAllBytes(DIR.resolve("shenzhen-gateways-2026.yaml"));
        var root = Pem.certificate(DIR.resolve("test-root.pem"));
        PolicySignature.verify(bytes, Files.readAllBytes(DIR.resolve("shenzhen-gateways-2026.yaml.p7s")), root);
        Policy policy = Policy.parse(bytes, "example");
        assertEquals("shenzhen-gateways-2026", policy.id());
        policy.checkUsableUnder(root, Pem.certificate(DIR.resolve("test-intermediate.pem")), Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void signedExample_oneChangedByte_failsItsSignature() throws Exception {
        byte[] bytes = Files.readAllBytes(DIR.resolve("shenzhen-gateways-2026.yaml"));
        bytes[bytes.length / 2] ^= 0x01;
        var root = Pem.certificate(DIR.resolve("test-root.pem"));
        byte[] p7s = Files.readAllBytes(DIR.resolve("shenzhen-gateways-2026.yaml.p7s"));
        assertThrows(TrustLineException.class, () -> PolicySignature.verify(bytes, p7s, root));
    }
}
