package dev.trustline.core.digest;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One-shot SHA-256 for the hot paths (certificate fingerprints, ledger entries, key hashes, the digests the ECDSA
 * checks sign over). It calls OpenSSL libcrypto's {@code SHA256()} through JNA's direct mapping when libcrypto
 * loads: bin/bench showed the JDK's SHA-256 at ~10% of the signer's CPU, because the signer runs C1-compiled code
 * and only C2 uses the CPU's SHA instructions. Otherwise, or with the system property
 * {@code trustline.digest.no-native}, a per-thread {@link MessageDigest}. Both give the same bytes (tested
 * against known answers). Thread-safe.
 */
public final class Sha256 {
    public static final int LENGTH = 32;
    static final boolean NATIVE = load();
    private static final ThreadLocal<MessageDigest> JDK = ThreadLocal.withInitial(Sha256::jdk);

    private Sha256() {
    }

    /** {@code unsigned char *SHA256(const unsigned char *d, size_t n, unsigned char *md)}. */
    private static native com.sun.jna.Pointer SHA256(byte[] data, long length, byte[] md);

    public static byte[] digest(byte[] data) {
        return digest(data, NATIVE);
    }

    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(digest(data));
    }

    static byte[] digest(byte[] data, boolean useNative) {
        if (useNative) {
            byte[] md = new byte[LENGTH];
            // an empty array would be passed as NULL, which SHA256() does not take
            SHA256(data.length == 0 ? new byte[1] : data, data.length, md);
            return md;
        }
        return JDK.get().digest(data);
    }

    /** A new JDK SHA-256, for streaming callers. */
    public static MessageDigest jdk() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static boolean load() {
        if (Boolean.getBoolean("trustline.digest.no-native")) {
            return false;
        }
        for (String name : new String[] {"crypto", "libcrypto.so.3"}) {
            try {
                Native.register(Sha256.class, NativeLibrary.getInstance(name));
                return true;
            } catch (LinkageError | RuntimeException e) {
                // try the next name; without libcrypto the JDK's SHA-256 is used
            }
        }
        return false;
    }
}
