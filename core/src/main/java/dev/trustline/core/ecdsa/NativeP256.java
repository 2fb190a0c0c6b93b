package dev.trustline.core.ecdsa;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * ECDSA P-256 verification in libcrypto. Takes only an uncompressed 65-byte point (0x04 || X || Y) that the
 * caller has taken from an id-ecPublicKey / prime256v1 key; OpenSSL refuses a point off the curve, and the
 * point at infinity cannot be written in 65 bytes. A signature counts as valid only when ECDSA_verify returns
 * exactly 1 (OpenSSL also refuses a DER signature that is not canonical); the error queue is cleared after any
 * failure; native keys are freed in {@code finally}. Thread-safe: scratch buffers are per thread.
 */
final class NativeP256 implements AutoCloseable {
    static final int POINT_LENGTH = 65;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final Pointer key;

    private NativeP256(Pointer key) {
        this.key = key;
    }

    /** A key for many verifications (the issuer's); null when the point is not on the curve. */
    static NativeP256 fixed(byte[] point) {
        Pointer key = decode(point);
        return key == null ? null : new NativeP256(key);
    }

    boolean verify(byte[] digest, byte[] derSignature) {
        return verify(key, digest, derSignature);
    }

    /** One verification under a key used once (a CSR's). False also when the point is not on the curve. */
    static boolean verifyOnce(byte[] point, byte[] digest, byte[] derSignature) {
        Pointer key = decode(point);
        if (key == null) {
            return false;
        }
        try {
            return verify(key, digest, derSignature);
        } finally {
            LibCrypto.EC_KEY_free(key);
        }
    }

    private static boolean verify(Pointer key, byte[] digest, byte[] derSignature) {
        int result = LibCrypto.ECDSA_verify(0, digest, digest.length, derSignature, derSignature.length, key);
        if (result != 1) {
            LibCrypto.ERR_clear_error();
        }
        return result == 1;
    }

    private static Pointer decode(byte[] point) {
        if (point.length != POINT_LENGTH || point[0] != 0x04) {
            throw new IllegalArgumentException("not an uncompressed P-256 point");
        }
        Pointer key = LibCrypto.EC_KEY_new_by_curve_name(LibCrypto.NID_X9_62_PRIME256V1);
        if (key == null) {
            LibCrypto.ERR_clear_error();
            throw new IllegalStateException("libcrypto cannot make a P-256 key");
        }
        Scratch s = SCRATCH.get();
        s.point.write(0, point, 0, POINT_LENGTH);
        s.keyRef.setPointer(0, key);
        s.inRef.setPointer(0, s.point);
        if (LibCrypto.o2i_ECPublicKey(s.keyRef, s.inRef, POINT_LENGTH) == null) {
            LibCrypto.ERR_clear_error();
            LibCrypto.EC_KEY_free(key);
            return null;
        }
        return key;
    }

    @Override
    public void close() {
        LibCrypto.EC_KEY_free(key);
    }

    private static final class Scratch {
        final Memory point = new Memory(POINT_LENGTH);
        final Memory keyRef = new Memory(com.sun.jna.Native.POINTER_SIZE);
        final Memory inRef = new Memory(com.sun.jna.Native.POINTER_SIZE);
    }
}
