package dev.trustline.signer.store;

import dev.trustline.core.chain.CanonicalJson;
import java.util.Locale;

/** Argument checks shared by the records; failures are the caller's bug, so unchecked. */
final class Checks {

    private Checks() {
    }

    static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static String nonNull(String value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** {@code value} in lower case, which must be hexadecimal. */
    static String hex(String value, String name) {
        String lower = text(value, name).toLowerCase(Locale.ROOT);
        if (!lowerHex(lower)) {
            throw new IllegalArgumentException(name + " must be hexadecimal: " + value);
        }
        return lower;
    }

    /** {@code value} in lower case, which must be 64 hex digits. */
    static String sha256(String value, String name) {
        String lower = text(value, name).toLowerCase(Locale.ROOT);
        if (lower.length() != 64 || !lowerHex(lower)) {
            throw new IllegalArgumentException(name + " must be 64 hex digits (SHA-256): " + value);
        }
        return lower;
    }

    /** [0-9a-f]+ without a regex matcher per value (several per registry row: ~1% of the signer's CPU). */
    private static boolean lowerHex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    static int lineNo(int lineNo) {
        if (lineNo < 1) {
            throw new IllegalArgumentException("lineNo counts from 1: " + lineNo);
        }
        return lineNo;
    }

    static String fingerprintOf(byte[] der) {
        return CanonicalJson.sha256Hex(der);
    }
}
