package dev.trustline.core.chain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/** The field-level rules of a chain entry, shared by the writer, the entry and the verifier. */
final class EntryRules {

    static final List<String> FIELDS = List.of("seq", "time", "type", "payload", "prev", "hash");

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC)
            .withResolverStyle(ResolverStyle.STRICT);

    private EntryRules() {
    }

    static boolean isType(String type) {
        return type != null && TYPE.matcher(type).matches();
    }

    static boolean isHash(String hex) {
        return hex != null && HEX64.matcher(hex).matches();
    }

    /** True if {@code time} is in years 0000-9999 and has no part finer than a millisecond. */
    static boolean isTime(Instant time) {
        return time != null && time.truncatedTo(ChronoUnit.MILLIS).equals(time)
                && TIME.matcher(formatTime(time)).matches();
    }

    static String formatTime(Instant time) {
        return TIME_FORMAT.format(time);
    }

    /** The instant {@code text} spells in the one allowed form, or null if it is not in it. */
    static Instant parseTime(String text) {
        if (text == null || !TIME.matcher(text).matches()) {
            return null;
        }
        try {
            return Instant.from(TIME_FORMAT.parse(text));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
