package dev.trustline.core.hsm;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.SignatureException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * The signing seam over one token: a {@link ContentSigner} per signature, as BouncyCastle's JcaContentSignerBuilder
 * makes, but without looking up the provider's Signature and the algorithm identifier for every certificate. Each
 * thread keeps its own JCA {@link Signature} per algorithm and initialises it for each signature (PKCS#11 needs
 * C_SignInit per operation anyway). Failures surface as BouncyCastle's {@link RuntimeOperatorException}, as before,
 * so the HSM session keeper recognises a lost token the same way.
 */
final class TokenContentSigner {
    private static final Map<String, AlgorithmIdentifier> IDS = new ConcurrentHashMap<>();
    private final Provider provider;
    private final ThreadLocal<Map<String, Signature>> perThread = ThreadLocal.withInitial(HashMap::new);

    TokenContentSigner(Provider provider) {
        this.provider = provider;
    }

    ContentSigner signer(PrivateKey key, String algorithm) throws GeneralSecurityException {
        AlgorithmIdentifier id = IDS.computeIfAbsent(algorithm, a -> new DefaultSignatureAlgorithmIdentifierFinder().find(a));
        Map<String, Signature> mine = perThread.get();
        Signature signature = mine.get(algorithm);
        if (signature == null) {
            signature = Signature.getInstance(algorithm, provider);
            mine.put(algorithm, signature);
        }
        try {
            signature.initSign(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            mine.remove(algorithm); // a Signature whose init failed may be left unusable
            throw e;
        }
        return new Single(id, signature);
    }

    /** One signature: the bytes written go to the token as they come, {@link #getSignature} finishes it. */
    private static final class Single implements ContentSigner {
        private final AlgorithmIdentifier id;
        private final Signature signature;
        private final OutputStream out;

        Single(AlgorithmIdentifier id, Signature signature) {
            this.id = id;
            this.signature = signature;
            this.out = new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    try {
                        signature.update(b, off, len);
                    } catch (SignatureException e) {
                        throw new RuntimeOperatorException("exception updating signature: " + e.getMessage(), e);
                    }
                }
            };
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return id;
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public byte[] getSignature() {
            try {
                return signature.sign();
            } catch (SignatureException | RuntimeException e) {
                throw new RuntimeOperatorException("exception obtaining signature: " + e.getMessage(), e);
            }
        }
    }
}
