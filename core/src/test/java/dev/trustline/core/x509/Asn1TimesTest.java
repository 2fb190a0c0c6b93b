package dev.trustline.core.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Date;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Asn1TimesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "utc, 491231235959Z, 2049-12-31T23:59:59Z",
        "utc, 500101000000Z, 1950-01-01T00:00:00Z",
        "utc, 261204101500Z, 2026-12-04T10:15:00Z",
        "generalized, 20500101000000Z, 2050-01-01T00:00:00Z",
        "generalized, 99991231235959Z, 9999-12-31T23:59:59Z",
        "generalized, 20261204101500Z, 2026-12-04T10:15:00Z",
        "generalized, 20261204101500.5Z, 2026-12-04T10:15:00.500Z",
        "utc, 2612041015Z, 2026-12-04T10:15:00Z",
    })
    void instant_knownAnswers_agreeWithBouncyCastle(String kind, String text, String expected) {
        Time t = kind.equals("utc") ? new Time(new ASN1UTCTime(text)) : new Time(new ASN1GeneralizedTime(text));
        assertEquals(expected, Asn1Times.instant(t).toString());
        assertEquals(t.getDate().toInstant(), Asn1Times.instant(t));
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 946684799000L, 1796374800000L, 2524607999000L, 2524608000000L, 253402300799000L})
    void instant_timesBouncyCastleWrites_roundTrip(long millis) {
        Time t = new Time(new Date(millis));
        assertEquals(t.getDate().toInstant(), Asn1Times.instant(t));
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, -631152000000L, -631152001000L, 946684799000L, 1796374800000L, 2524607999000L,
        2524608000000L, 253402300799000L, 1796374800999L})
    void time_ofInstant_encodesAsBouncyCastlesTimeOfDate(long millis) throws Exception {
        java.time.Instant instant = java.time.Instant.ofEpochMilli(millis).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Time expected = new Time(Date.from(instant));
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.getEncoded("DER"), Asn1Times.time(instant).getEncoded("DER"));
        assertEquals(instant, Asn1Times.instant(Asn1Times.time(instant)));
    }
}
