package dev.trustline.core.quorum;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Formats of officer ids, officer names and roster ids. */
final class Ids {
    static final String OFFICER_ID_PATTERN = "[a-z0-9][a-z0-9-]{0,31}";
    private static final Pattern OFFICER_ID = Pattern.compile(OFFICER_ID_PATTERN);
    private static final Pattern ROSTER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{7,63}");
    static final int MAX_NAME_CHARS = 64;

    private Ids() {
    }

    static void checkOfficerId(String id) throws QuorumException {
        if (id == null || !OFFICER_ID.matcher(id).matches()) {
            throw new QuorumException("officer id '" + printable(id) + "' must match " + OFFICER_ID_PATTERN);
        }
    }

    static void checkOfficerName(String officerId, String name) throws QuorumException {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_CHARS
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new QuorumException("officer '" + officerId + "': name must be 1 to " + MAX_NAME_CHARS
                    + " printable characters");
        }
    }

    static void checkRosterId(String id) throws QuorumException {
        if (id == null || !ROSTER_ID.matcher(id).matches()) {
            throw new QuorumException("roster id '" + printable(id) + "' must match " + ROSTER_ID.pattern());
        }
    }

    /** A fresh random roster id: 128 bits as 32 lowercase hex digits. */
    static String newRosterId(SecureRandom random) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Bytes.hex(id);
    }

    /** An id for error messages: control characters replaced, length capped. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String clipped = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return clipped.replaceAll("\\p{Cntrl}", "?");
    }
}
