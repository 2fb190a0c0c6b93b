package dev.trustline.core.policy;

import dev.trustline.core.x509.Bc;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Software test keys, generated once per label and cached (RSA generation is slow). */
final class Keys {
    private static final Map<String, KeyPair> CACHE = new ConcurrentHashMap<>();

    private Keys() {
    }

    static KeyPair p256(String label) {
        return get("p256-" + label, "EC", new ECGenParameterSpec("secp256r1"));
    }

    static KeyPair p384(String label) {
        return get("p384-" + label, "EC", new ECGenParameterSpec("secp384r1"));
    }

    static KeyPair ec(String curve) {
        return get("ec-" + curve, "EC", new ECGenParameterSpec(curve));
    }

    static KeyPair rsa(int bits) {
        return get("rsa-" + bits, "RSA", new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4));
    }

    static KeyPair ed25519() {
        return get("ed25519", "Ed25519", null);
    }

    static SubjectPublicKeyInfo spki(KeyPair keys) {
        return SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
    }

    private static KeyPair get(String label, String algorithm, AlgorithmParameterSpec spec) {
        return CACHE.computeIfAbsent(label, l -> generate(algorithm, spec));
    }

    private static KeyPair generate(String algorithm, AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator generator = algorithm.equals("RSA") ? KeyPairGenerator.getInstance(algorithm)
                    : KeyPairGenerator.getInstance(algorithm, Bc.provider());
            if (spec != null) {
                generator.initialize(spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + algorithm + " test key", e);
        }
    }
}
