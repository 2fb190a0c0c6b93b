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
    private final ThreadLocal<Map<String, Held>> perThread = ThreadLocal.withInitial(HashMap::new);

    /**
     * A thread's Signature for one algorithm and the signer that may use it now: a newer signer from the same thread
     * re-initialises the Signature (perhaps for another key), so an older one still unfinished must fail loudly
     * rather than sign with what the newer one set up.
     */
    private static final class Held {
        final Signature signature;
        Object owner;

        Held(Signature signature) {
            this.signature = signature;
        }

        void check(Object signer) {
            if (owner != signer) {
                throw new RuntimeOperatorException("this signer was superseded by a newer one on the same thread;"
                        + " finish each signature before asking for the next", null);
            }
        }
    }

    TokenContentSigner(Provider provider) {
        this.provider = provider;
    }

    ContentSigner signer(PrivateKey key, String algorithm) throws GeneralSecurityException {
        AlgorithmIdentifier id = IDS.computeIfAbsent(algorithm, a -> new DefaultSignatureAlgorithmIdentifierFinder().find(a));
        // SHA256withECDSA: the token signs the digest (CKM_ECDSA), the digest is made here with libcrypto; SunPKCS11
        // would hash with the JDK's SHA-256, which the C1-compiled signer runs without the CPU's SHA instructions
        boolean digestHere = "SHA256withECDSA".equals(algorithm) && "EC".equals(key.getAlgorithm());
        String tokenAlgorithm = digestHere ? "NONEwithECDSA" : algorithm;
        Map<String, Held> mine = perThread.get();
        Held held = mine.get(tokenAlgorithm);
        if (held == null) {
            held = new Held(Signature.getInstance(tokenAlgorithm, provider));
            mine.put(tokenAlgorithm, held);
        }
        held.owner = null;
        try {
            held.signature.initSign(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            mine.remove(tokenAlgorithm); // a Signature whose init failed may be left unusable
            throw e;
        }
        ContentSigner signer = digestHere ? new DigestFirst(id, held) : new Single(id, held);
        held.owner = signer;
        return signer;
    }

    /** The bytes are collected, hashed with SHA-256 at the end, and the token signs that digest. */
    private static final class DigestFirst implements ContentSigner {
        private final AlgorithmIdentifier id;
        private final Held held;
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1024);

        DigestFirst(AlgorithmIdentifier id, Held held) {
            this.id = id;
            this.held = held;
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
            held.check(this);
            try {
                held.signature.update(dev.trustline.core.digest.Sha256.digest(out.toByteArray()));
                return Der.ecdsa(held.signature.sign());
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
        private final Held held;
        private final OutputStream out;

        Single(AlgorithmIdentifier id, Held held) {
            this.id = id;
            this.held = held;
            Single self = this;
            this.out = new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    held.check(self);
                    try {
                        held.signature.update(b, off, len);
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
            held.check(this);
            try {
                return held.signature.sign();
            } catch (SignatureException | RuntimeException e) {
                throw new RuntimeOperatorException("exception obtaining signature: " + e.getMessage(), e);
            }
        }
    }
}
