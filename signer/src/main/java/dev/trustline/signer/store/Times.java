package dev.trustline.signer.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/** Times as stored: the chain's one form, {@code 2026-11-25T10:31:02.123Z}, which sorts as text. */
final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String format(Instant time) {
        return FORMAT.format(time);
    }

    /** The UTC day of {@code time}, e.g. "2026-11-25". */
    static String day(Instant time) {
        return DAY.format(time);
    }

    /** A stored time, which must be in the stored form; a database fault otherwise. */
    static Instant stored(String text) throws java.sql.SQLException {
        return parse(text).orElseThrow(() -> new java.sql.SQLException("stored time '" + text
                + "' is not of the form 2026-11-25T10:31:02.123Z"));
    }

    /** The instant {@code text} spells in exactly the stored form. */
    static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            Instant time = Instant.from(FORMAT.parse(text));
            return format(time).equals(text) ? Optional.of(time) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
