package dev.trustline.signer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-read stored form (for large CRLs) accepts and refuses exactly what the strict formatter does. */
class TimesTest {
    static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);

    /** What parse answered before it read the common form by hand. */
    static Optional<Instant> byFormatter(String text) {
        try {
            Instant t = Instant.from(STRICT.parse(text));
            return STRICT.format(t).equals(text) ? Optional.of(t) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"2026-11-25T10:31:02.123Z", "2024-02-29T00:00:00.000Z", "0000-01-01T00:00:00.000Z",
        "9999-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z", "2026-02-29T00:00:00.000Z", "2026-04-31T00:00:00.000Z",
        "2026-13-01T00:00:00.000Z", "2026-00-01T00:00:00.000Z", "2026-11-25T24:00:00.000Z", "2026-11-25T10:60:00.000Z",
        "2026-11-25T10:31:60.000Z", "2026-11-25T10:31:02.12Z", "2026-11-25T10:31:02.1234Z", "2026-11-25 10:31:02.123Z",
        "2026-11-25T10:31:02.123+", "2026-11-25T10:31:02,123Z", "2026-11-2５T10:31:02.123Z", "+2026-11-25T10:31:02.12Z",
        "2026-11-25T10:31:02.123z", "-026-11-25T10:31:02.123Z", "2026-1a-25T10:31:02.123Z", "", "2026-11-25T10:31:02Z"})
    void parse_storedFormOrNot_sameAnswerAsTheStrictFormatter(String text) {
        assertEquals(byFormatter(text), Times.parse(text));
    }

    @Test
    void parse_formatted_roundTrips() {
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochMilli(random.nextLong(-62_167_219_200_000L, 253_402_300_799_999L));
            assertEquals(Optional.of(t), Times.parse(Times.format(t)), Times.format(t));
        }
        assertEquals(Optional.empty(), Times.parse(null));
    }
}
