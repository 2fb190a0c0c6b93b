package dev.trustline.station.sim;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.files.NewFiles;
import dev.trustline.core.files.SecretFiles;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.hsm.KeyEvidence;
import dev.trustline.core.hsm.ThrowawayToken;
import dev.trustline.core.hsm.TokenInitializer;
import dev.trustline.core.x509.KeyAlgorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The simulated device's secure element: its own SoftHSM2 token. Keys are generated inside it
 * (sensitive, never extractable) and only public keys, CSRs and signatures come out. The token's user
 * PIN is kept in the simulator's state directory (mode 600), like a device-unique secret in fuses.
 */
final class SecureElement {
    static final String DEVICE_KEY = "device";
    /** A second key the device carries (a factory-test key): the wrong-key-slot fault signs with it. */
    static final String TEST_KEY = "factory-test";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HsmToken token;

    private SecureElement(HsmToken token) {
        this.token = token;
    }

    /** Creates the token (and its test key) on first boot; opens it afterwards. */
    static SecureElement open(Path module, Path stateDir, SimState state) throws TrustLineException {
        Path pinFile = stateDir.resolve("secure-element.pin");
        if (state.tokenLabel == null) {
            state.tokenLabel = ThrowawayToken.uniqueLabel("device-se");
            char[] so = randomPin();
            char[] pin = randomPin();
            try {
                NewFiles.writeNew(pinFile, (new String(pin) + "\n").getBytes(StandardCharsets.US_ASCII), NewFiles.SECRET, "PIN file");
                TokenInitializer.initialise(module, state.tokenLabel, so, pin);
                SecureElement se = new SecureElement(HsmToken.open(module, state.tokenLabel, pin));
                se.token.generateKey(TEST_KEY, KeyAlgorithm.ECDSA_P256);
                return se;
            } finally {
                Arrays.fill(so, '\0');
                Arrays.fill(pin, '\0');
            }
        }
        char[] pin = SecretFiles.firstLine(pinFile, "the secure element's PIN file");
        try {
            return new SecureElement(HsmToken.open(module, state.tokenLabel, pin));
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    boolean hasKey(String label) throws TrustLineException {
        return token.hasKey(label);
    }

    PublicKey generate(String label) throws TrustLineException {
        return token.generateKey(label, KeyAlgorithm.ECDSA_P256).publicKey();
    }

    PublicKey publicKey(String label) throws TrustLineException {
        return token.publicKey(label);
    }

    KeyEvidence evidence(String label) throws TrustLineException {
        return token.evidence(label);
    }

    PKCS10CertificationRequest csr(String label, X500Name subject) throws TrustLineException {
        return new JcaPKCS10CertificationRequestBuilder(subject, publicKey(label))
                .build(token.signer(label, KeyAlgorithm.ECDSA_P256.signatureAlgorithm()));
    }

    byte[] sign(String label, byte[] message) throws TrustLineException {
        ContentSigner signer = token.signer(label, KeyAlgorithm.ECDSA_P256.signatureAlgorithm());
        try (OutputStream out = signer.getOutputStream()) {
            out.write(message);
        } catch (IOException e) {
            throw new TrustLineException("secure element signing failed: " + e.getMessage(), e);
        }
        return signer.getSignature();
    }

    String tokenLabel() {
        return token.identity().label();
    }

    private static char[] randomPin() {
        char[] pin = new char[20];
        for (int i = 0; i < pin.length; i++) {
            pin[i] = (char) ('a' + RANDOM.nextInt(26));
        }
        return pin;
    }

    static boolean exists(Path stateDir) {
        return Files.exists(stateDir.resolve("secure-element.pin"));
    }
}
