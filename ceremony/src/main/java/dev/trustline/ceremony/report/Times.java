package dev.trustline.ceremony.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as printed on paper: UTC, to the second, and the date alone for the cover. */
final class Times {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String print(Instant t) {
        return TIME.format(t);
    }

    static String date(Instant t) {
        return DATE.format(t);
    }
}
