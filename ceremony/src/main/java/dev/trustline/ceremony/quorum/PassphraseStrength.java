package dev.trustline.ceremony.quorum;

import dev.trustline.core.TrustLineException;
import java.util.Arrays;

/**
 * The minimum for a new card's passphrase: at least 12 characters and an estimated 60 bits
 * (length times log2 of the character classes used, discounted for repeated characters). A rough
 * floor, not a guarantee: officers are told to use several random words.
 */
public final class PassphraseStrength {
    static final int MIN_LENGTH = 12;
    static final double MIN_BITS = 60;

    private PassphraseStrength() {
    }

    public static void require(String officerId, char[] p) throws TrustLineException {
        if (p.length < MIN_LENGTH) {
            throw new TrustLineException("the passphrase for officer '" + officerId + "' is shorter than " + MIN_LENGTH + " characters");
        }
        if (estimateBits(p) < MIN_BITS) {
            throw new TrustLineException("the passphrase for officer '" + officerId
                    + "' is too weak: use more words or more kinds of characters");
        }
    }

    static double estimateBits(char[] p) {
        int pool = 0;
        pool += has(p, Character::isLowerCase) ? 26 : 0;
        pool += has(p, Character::isUpperCase) ? 26 : 0;
        pool += has(p, Character::isDigit) ? 10 : 0;
        pool += has(p, c -> !Character.isLetterOrDigit(c)) ? 33 : 0;
        long distinct = new String(p).chars().distinct().count();
        double effectiveLength = Math.min(p.length, distinct * 2.0);
        return effectiveLength * (Math.log(Math.max(pool, 1)) / Math.log(2));
    }

    private static boolean has(char[] p, java.util.function.IntPredicate test) {
        for (char c : p) {
            if (test.test(c)) {
                return true;
            }
        }
        return false;
    }

    static void wipe(char[] p) {
        if (p != null) {
            Arrays.fill(p, '\0');
        }
    }
}
