package dev.trustline.core.ecdsa;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The few OpenSSL libcrypto functions an ECDSA P-256 verification needs, bound with JNA's direct mapping (JNA
 * comes with argon2-jvm). The EC_KEY functions are deprecated in OpenSSL 3 but exported, and unlike
 * {@code d2i_PUBKEY} they take no decoder lock (see /work/shared/notes/ecdsa-verify-costs.md). When libcrypto
 * cannot be loaded, or the system property {@code trustline.ecdsa.no-native} is true, {@link #AVAILABLE} is false
 * and callers use BouncyCastle.
 */
final class LibCrypto {
    static final int NID_X9_62_PRIME256V1 = 415;
    static final boolean AVAILABLE = load();

    private LibCrypto() {
    }

    static native Pointer EC_KEY_new_by_curve_name(int nid);

    static native void EC_KEY_free(Pointer key);

    /** {@code EC_KEY *o2i_ECPublicKey(EC_KEY **a, const unsigned char **in, long len)}: advances {@code *in}. */
    static native Pointer o2i_ECPublicKey(Pointer keyRef, Pointer inRef, long len);

    /** 1: valid; 0: invalid; -1: error. {@code type} is ignored by OpenSSL. */
    static native int ECDSA_verify(int type, byte[] digest, int digestLength, byte[] signature, int signatureLength,
                                   Pointer key);

    static native void ERR_clear_error();

    private static boolean load() {
        if (Boolean.getBoolean("trustline.ecdsa.no-native")) {
            return false;
        }
        for (String name : new String[] {"crypto", "libcrypto.so.3"}) {
            try {
                Native.register(LibCrypto.class, NativeLibrary.getInstance(name));
                return true;
            } catch (LinkageError | RuntimeException e) {
                // try the next name; without libcrypto the callers fall back to BouncyCastle
            }
        }
        return false;
    }
}
