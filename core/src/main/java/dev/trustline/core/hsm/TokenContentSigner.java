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
        // SHA256withECDSA: the token signs the digest (CKM_ECDSA), the digest is made here with libcrypto; SunPKCS11
        // would hash with the JDK's SHA-256, which the C1-compiled signer runs without the CPU's SHA instructions
        boolean digestHere = "SHA256withECDSA".equals(algorithm) && "EC".equals(key.getAlgorithm());
        String tokenAlgorithm = digestHere ? "NONEwithECDSA" : algorithm;
        Map<String, Signature> mine = perThread.get();
        Signature signature = mine.get(tokenAlgorithm);
        if (signature == null) {
            signature = Signature.getInstance(tokenAlgorithm, provider);
            mine.put(tokenAlgorithm, signature);
        }
        try {
            signature.initSign(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            mine.remove(tokenAlgorithm); // a Signature whose init failed may be left unusable
            throw e;
        }
        return digestHere ? new DigestFirst(id, signature) : new Single(id, signature);
    }

    /** The bytes are collected, hashed with SHA-256 at the end, and the token signs that digest. */
    private static final class DigestFirst implements ContentSigner {
        private final AlgorithmIdentifier id;
        private final Signature signature;
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1024);

        DigestFirst(AlgorithmIdentifier id, Signature signature) {
            this.id = id;
            this.signature = signature;
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
                signature.update(dev.trustline.core.digest.Sha256.digest(out.toByteArray()));
                return Der.ecdsa(signature.sign());
            } catch (SignatureException | RuntimeException e) {
                throw new RuntimeOperatorException("exception obtaining signature: " + e.getMessage(), e);
            }
        }
    }

    /** SunPKCS11 gives ECDSA signatures DER-encoded; a raw r||s (as some providers give for NONEwithECDSA) is encoded. */
    static final class Der {
        private Der() {
        }

        static byte[] ecdsa(byte[] sig) {
            if (isDer(sig)) {
                return sig;
            }
            if (sig.length == 0 || sig.length % 2 != 0) {
                throw new IllegalStateException("the token's ECDSA signature has an odd length " + sig.length);
            }
            int half = sig.length / 2;
            java.math.BigInteger r = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(sig, 0, half));
            java.math.BigInteger s = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(sig, half, sig.length));
            try {
                return new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                    new org.bouncycastle.asn1.ASN1Integer(r), new org.bouncycastle.asn1.ASN1Integer(s)}).getEncoded("DER");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Exactly one DER SEQUENCE of two INTEGERs, as its own re-encoding. */
        static boolean isDer(byte[] sig) {
            try {
                org.bouncycastle.asn1.ASN1Primitive p = org.bouncycastle.asn1.ASN1Primitive.fromByteArray(sig);
                if (!(p instanceof org.bouncycastle.asn1.ASN1Sequence seq) || seq.size() != 2
                        || !(seq.getObjectAt(0) instanceof org.bouncycastle.asn1.ASN1Integer)
                        || !(seq.getObjectAt(1) instanceof org.bouncycastle.asn1.ASN1Integer)) {
                    return false;
                }
                return java.util.Arrays.equals(p.getEncoded("DER"), sig);
            } catch (java.io.IOException | RuntimeException e) {
                return false;
            }
        }
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
