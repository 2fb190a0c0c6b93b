package dev.trustline.ceremony.plan;

import dev.trustline.core.config.Problems;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Instants in ceremony files: {@code 2026-11-01T00:00:00Z} or a date {@code 2026-11-01} (midnight UTC). */
final class Times {
    private Times() {
    }

    static Instant parse(String value, String path, Problems problems) {
        if (!problems.requirePresent(value, path)) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            Instant instant = Instant.parse(value);
            if (instant.getNano() != 0) {
                problems.add(path, "must be a whole second (X.509 times have no fractions)");
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            problems.add(path, "'" + value + "' is not a UTC time like 2026-11-01T00:00:00Z or a date like 2026-11-01");
            return null;
        }
    }
}
