package dev.trustline.core.lint;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Software test keys, generated once per label and cached (RSA generation is slow). */
final class Keys {
    private static final Map<String, KeyPair> CACHE = new ConcurrentHashMap<>();

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

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

    static KeyPair rsaWithExponent3() {
        return get("rsa-e3", "RSA", new RSAKeyGenParameterSpec(3072, BigInteger.valueOf(3)));
    }

    static KeyPair ed25519(String label) {
        return get("ed25519-" + label, "Ed25519", null);
    }

    static KeyPair ed448() {
        return get("ed448", "Ed448", null);
    }

    private static KeyPair get(String label, String algorithm, AlgorithmParameterSpec spec) {
        return CACHE.computeIfAbsent(label, l -> generate(algorithm, spec));
    }

    private static KeyPair generate(String algorithm, AlgorithmParameterSpec spec) {
        try {
            // the JDK's RSA key generation is much faster than BouncyCastle's; both give standard keys
            KeyPairGenerator generator = algorithm.equals("RSA") ? KeyPairGenerator.getInstance(algorithm)
                    : KeyPairGenerator.getInstance(algorithm, BouncyCastleProvider.PROVIDER_NAME);
            if (spec != null) {
                generator.initialize(spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + algorithm + " test key", e);
        }
    }
}
