package dev.trustline.signer.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The signer's own check of a device's challenge answer against the registered certificate: one case per way it fails. */
class ProvisioningServiceTest {

    @ParameterizedTest
    @CsvSource({
        "good, true",
        "other-challenge, false",
        "no-prefix, false",
        "other-key, false",
        "short-challenge, false",
        "not-base64, false"})
    void verifies_challengeAnswer(String variant, boolean expected) throws Exception {
        KeyPair device = key();
        KeyPair other = key();
        byte[] cert = new JcaX509v3CertificateBuilder(new X500Name("CN=GW1"), BigInteger.ONE, new Date(), new Date(System.currentTimeMillis() + 86_400_000L),
                new X500Name("CN=GW1"), device.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(device.getPrivate())).getEncoded();
        byte[] nonce = new byte[variant.equals("short-challenge") ? 8 : 32];
        new java.security.SecureRandom().nextBytes(nonce);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(variant.equals("other-key") ? other.getPrivate() : device.getPrivate());
        if (!variant.equals("no-prefix")) {
            s.update("trustline-challenge-v1:".getBytes(StandardCharsets.US_ASCII));
        }
        s.update(nonce);
        String sig = variant.equals("not-base64") ? "%%%" : Base64.getEncoder().encodeToString(s.sign());
        byte[] claimed = nonce.clone();
        if (variant.equals("other-challenge")) {
            claimed[0] ^= 1;
        }
        assertEquals(expected, ProvisioningService.verifies(cert, Base64.getEncoder().encodeToString(claimed), sig));
    }

    private static KeyPair key() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
