package dev.trustline.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyTypeRuleTest {
    private static final KeyTypeRule P256_ONLY = new KeyTypeRule("shenzhen-gateways-2026", List.of(LeafKeyType.ECDSA_P256));

    @Test
    void keyTypeName_namesEachKindAsPoliciesDo() {
        assertEquals("ecdsa-p256", KeyTypeRule.keyTypeName(Keys.spki(Keys.p256("device"))));
        assertEquals("ecdsa-p384", KeyTypeRule.keyTypeName(Keys.spki(Keys.p384("device"))));
        assertEquals("ed25519", KeyTypeRule.keyTypeName(Keys.spki(Keys.ed25519())));
        assertEquals("rsa-2048", KeyTypeRule.keyTypeName(Keys.spki(Keys.rsa(2048))));
        assertEquals("rsa-3072", KeyTypeRule.keyTypeName(Keys.spki(Keys.rsa(3072))));
        assertEquals("ecdsa-secp256k1", KeyTypeRule.keyTypeName(Keys.spki(Keys.ec("secp256k1"))));
    }

    @Test
    void check_allowedType_passes() throws Exception {
        P256_ONLY.check(Keys.spki(Keys.p256("device")));
        new KeyTypeRule("p", List.of(LeafKeyType.ED25519, LeafKeyType.RSA_3072)).check(Keys.spki(Keys.rsa(3072)));
    }

    @Test
    void check_rsa2048_isRefusedByName() {
        PolicyException e = assertThrows(PolicyException.class, () -> P256_ONLY.check(Keys.spki(Keys.rsa(2048))));
        assertEquals("key type rsa-2048 is not allowed by policy shenzhen-gateways-2026 (allowed: ecdsa-p256)",
                e.getMessage());
    }

    @Test
    void check_otherCurve_isRefusedByName() {
        PolicyException e = assertThrows(PolicyException.class, () -> P256_ONLY.check(Keys.spki(Keys.p384("device"))));
        assertEquals("key type ecdsa-p384 is not allowed by policy shenzhen-gateways-2026 (allowed: ecdsa-p256)",
                e.getMessage());
    }
}
