package dev.trustline.signer.store;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
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
        Formatted last = lastFormatted;
        if (last != null && last.time.equals(time)) { // a chunk's rows and entries share one commit time
            return last.text;
        }
        String text = FORMAT.format(time);
        lastFormatted = new Formatted(time, text);
        return text;
    }

    private record Formatted(Instant time, String text) {
    }

    private static volatile Formatted lastFormatted;

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
        Instant quick = quick(text);
        if (quick != null) {
            return Optional.of(quick);
        }
        try {
            Instant time = Instant.from(FORMAT.parse(text));
            return format(time).equals(text) ? Optional.of(time) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The stored form read by hand, for the million rows a large CRL reads at once (the formatter, and the
     * check that formatting gives the text back, cost over a microsecond a row): the instant when
     * {@code text} is exactly {@code uuuu-MM-dd'T'HH:mm:ss.SSS'Z'} with ASCII digits and a valid date and time,
     * otherwise null, and the formatter decides as before.
     */
    private static Instant quick(String t) {
        if (t.length() != 24 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(19) != '.' || t.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        int milli = digits(t, 20, 3);
        if ((year | month | day | hour | minute | second | milli) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, milli * 1_000_000).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number of {@code n} ASCII digits at {@code from}, or -1. */
    private static int digits(String t, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int d = t.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
