package dev.trustline.signer.store;

import dev.trustline.core.chain.CanonicalJson;
import java.util.Locale;
import java.util.regex.Pattern;

/** Argument checks shared by the records; failures are the caller's bug, so unchecked. */
final class Checks {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

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
        if (!HEX.matcher(lower).matches()) {
            throw new IllegalArgumentException(name + " must be hexadecimal: " + value);
        }
        return lower;
    }

    /** {@code value} in lower case, which must be 64 hex digits. */
    static String sha256(String value, String name) {
        String lower = text(value, name).toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(lower).matches()) {
            throw new IllegalArgumentException(name + " must be 64 hex digits (SHA-256): " + value);
        }
        return lower;
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
