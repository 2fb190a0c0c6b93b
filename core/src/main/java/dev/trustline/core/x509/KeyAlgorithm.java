package dev.trustline.core.x509;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/** The CA key types TrustLine generates, with the signature algorithm each one signs with. */
public enum KeyAlgorithm {
    ECDSA_P256("ecdsa-p256", "EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA"),
    ECDSA_P384("ecdsa-p384", "EC", new ECGenParameterSpec("secp384r1"), "SHA384withECDSA"),
    RSA_3072("rsa-3072", "RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),
    RSA_4096("rsa-4096", "RSA", new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4), "SHA384withRSA");

    private final String configName;
    private final String jcaKeyType;
    private final AlgorithmParameterSpec spec;
    private final String signatureAlgorithm;

    KeyAlgorithm(String configName, String jcaKeyType, AlgorithmParameterSpec spec, String signatureAlgorithm) {
        this.configName = configName;
        this.jcaKeyType = jcaKeyType;
        this.spec = spec;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The name used in ceremony files, e.g. {@code ecdsa-p384}. */
    public String configName() {
        return configName;
    }

    public String jcaKeyType() {
        return jcaKeyType;
    }

    /** The JCA signature algorithm a key of this type signs certificates and CRLs with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public static Optional<KeyAlgorithm> fromConfigName(String name) {
        return Arrays.stream(values()).filter(a -> a.configName.equals(name)).findFirst();
    }

    public static String allowedNames() {
        return String.join(", ", Arrays.stream(values()).map(KeyAlgorithm::configName).toList());
    }

    /** Generates a key pair of this type with {@code provider} (the HSM's, or null for a software key). */
    public KeyPair generate(Provider provider) throws GeneralSecurityException {
        KeyPairGenerator kpg = provider == null
                ? KeyPairGenerator.getInstance(jcaKeyType)
                : KeyPairGenerator.getInstance(jcaKeyType, provider);
        kpg.initialize(spec);
        return kpg.generateKeyPair();
    }
}
