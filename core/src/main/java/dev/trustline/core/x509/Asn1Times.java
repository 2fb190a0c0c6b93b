package dev.trustline.core.x509;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;

/**
 * Reads an X.509 {@link Time} as an {@link Instant} straight from its DER digits in the forms RFC 5280 requires
 * (UTCTime YYMMDDHHMMSSZ, years 1950-2049; GeneralizedTime YYYYMMDDHHMMSSZ). BouncyCastle's {@code Time.getDate()}
 * goes through a new SimpleDateFormat each call, which the signer paid for on every certificate it linted; any other
 * form falls back to it. Pure.
 */
public final class Asn1Times {
    private Asn1Times() {
    }

    public static Instant instant(Time time) {
        ASN1Primitive p = time.toASN1Primitive();
        try {
            if (p instanceof ASN1UTCTime utc) {
                Instant fast = utc(utc);
                if (fast != null) {
                    return fast;
                }
            } else if (p instanceof ASN1GeneralizedTime gen) {
                Instant fast = generalized(gen);
                if (fast != null) {
                    return fast;
                }
            }
        } catch (DateTimeException | NumberFormatException e) {
            // not a plain RFC 5280 form: BouncyCastle decides below
        }
        return time.getDate().toInstant();
    }

    /**
     * The X.509 {@link Time} of {@code instant} (whole seconds), as RFC 5280 wants it: UTCTime YYMMDDHHMMSSZ for
     * 1950-2049, GeneralizedTime YYYYMMDDHHMMSSZ otherwise. The same value and encoding as BouncyCastle's
     * {@code new Time(Date)}, which formats through a new SimpleDateFormat each call (9% of the signer's Java samples);
     * tested equal to it.
     */
    public static Time time(Instant instant) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return new Time(java.util.Date.from(instant)); // BouncyCastle decides what such a date becomes
        }
        boolean utc = year >= 1950 && year < 2050;
        StringBuilder digits = new StringBuilder(15);
        if (utc) {
            two(digits, year % 100);
        } else {
            two(digits, year / 100);
            two(digits, year % 100);
        }
        two(digits, t.getMonthValue());
        two(digits, t.getDayOfMonth());
        two(digits, t.getHour());
        two(digits, t.getMinute());
        two(digits, t.getSecond());
        digits.append('Z');
        byte[] der = new byte[digits.length() + 2];
        der[0] = (byte) (utc ? 0x17 : 0x18);
        der[1] = (byte) digits.length();
        for (int i = 0; i < digits.length(); i++) {
            der[i + 2] = (byte) digits.charAt(i);
        }
        return new Time(utc ? ASN1UTCTime.getInstance(der) : ASN1GeneralizedTime.getInstance(der));
    }

    private static void two(StringBuilder sb, int value) {
        sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static Instant utc(ASN1UTCTime utc) {
        String s = digitsOf(utc, 13);
        if (s == null) {
            return null;
        }
        int yy = Integer.parseInt(s, 0, 2, 10);
        return at(yy >= 50 ? 1900 + yy : 2000 + yy, s, 2);
    }

    private static Instant generalized(ASN1GeneralizedTime gen) {
        String s = digitsOf(gen, 15);
        return s == null ? null : at(Integer.parseInt(s, 0, 4, 10), s, 4);
    }

    private static Instant at(int year, String s, int from) {
        return LocalDateTime.of(year, two(s, from), two(s, from + 2), two(s, from + 4), two(s, from + 6), two(s, from + 8))
                .toInstant(ZoneOffset.UTC);
    }

    private static int two(String s, int at) {
        return Integer.parseInt(s, at, at + 2, 10);
    }

    /** The content octets as text when they are {@code length} characters: digits then a final 'Z'; else null. */
    private static String digitsOf(ASN1Primitive p, int length) {
        byte[] der;
        try {
            der = p.getEncoded();
        } catch (java.io.IOException e) {
            return null;
        }
        if (der.length != length + 2 || der[1] != length || der[der.length - 1] != 'Z') {
            return null;
        }
        for (int i = 2; i < der.length - 1; i++) {
            if (der[i] < '0' || der[i] > '9') {
                return null;
            }
        }
        return new String(der, 2, length, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
