package dev.trustline.signer.revocation;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Time;

/**
 * Writes a CRL's DER directly (RFC 5280 5.1), in two passes: the lengths first, then every byte into one
 * array of exactly that size. The revokedCertificates list (SEQUENCE OF SEQUENCE {userCertificate INTEGER,
 * revocationDate Time, crlEntryExtensions {reasonCode} OPTIONAL}) is written entry by entry with no ASN.1
 * object and no intermediate buffer per entry, because building a million ASN.1 objects (or copying a 46 MB
 * list through stream buffers several times) costs seconds. Times are UTCTime for 1950 to 2049 and
 * GeneralizedTime otherwise, as RFC 5280 requires; the bytes equal what BouncyCastle's builder writes for
 * the same entries (CrlEncoderTest).
 */
final class CrlEncoder {
    /** SEQUENCE { SEQUENCE { OID 2.5.29.21 (reasonCode), OCTET STRING { ENUMERATED ?? } } }, reason byte last. */
    private static final byte[] REASON = {0x30, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01, 0};
    private static final long Y1950 = Instant.parse("1950-01-01T00:00:00Z").getEpochSecond();
    private static final long Y2050 = Instant.parse("2050-01-01T00:00:00Z").getEpochSecond();
    /** The UTCTime TLV: tag, length 13, YYMMDDHHMMSSZ. */
    private static final int UTC_TIME = 15;

    private CrlEncoder() {
    }

    /** A DER writer into an array of exactly the size computed beforehand. */
    static final class Out {
        private final byte[] bytes;
        private int pos;

        Out(long size) {
            if (size > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("a CRL of " + size + " bytes is beyond what one array holds");
            }
            bytes = new byte[(int) size];
        }

        void header(int tag, long length) {
            bytes[pos++] = (byte) tag;
            if (length < 0x80) {
                bytes[pos++] = (byte) length;
                return;
            }
            int n = lengthBytes(length);
            bytes[pos++] = (byte) (0x80 | n);
            for (int i = n - 1; i >= 0; i--) {
                bytes[pos++] = (byte) (length >>> (8 * i));
            }
        }

        void write(byte[] b) {
            System.arraycopy(b, 0, bytes, pos, b.length);
            pos += b.length;
        }

        /** The bytes, once every one was written. */
        byte[] done() {
            if (pos != bytes.length) {
                throw new IllegalStateException("CRL encoding wrote " + pos + " of " + bytes.length + " bytes");
            }
            return bytes;
        }
    }

    /** The size of a TLV with {@code contentLength} bytes of content. */
    static long tlvLength(long contentLength) {
        return 1 + (contentLength < 0x80 ? 1 : 1 + lengthBytes(contentLength)) + contentLength;
    }

    private static int lengthBytes(long length) {
        return (64 - Long.numberOfLeadingZeros(length) + 7) / 8;
    }

    /** The content length of the revokedCertificates SEQUENCE (the field is absent when there are no entries). */
    static long revokedContentLength(Collection<RevokedCertificate> revoked) throws IOException {
        long total = 0;
        for (RevokedCertificate r : revoked) {
            total += tlvLength(entryContentLength(r));
        }
        return total;
    }

    /** Writes the revokedCertificates SEQUENCE, whose content length {@link #revokedContentLength} gave. */
    static void writeRevoked(Out out, Collection<RevokedCertificate> revoked, long contentLength) throws IOException {
        out.header(0x30, contentLength);
        for (RevokedCertificate r : revoked) {
            out.header(0x30, entryContentLength(r));
            byte[] serial = r.serial().toByteArray();
            out.header(0x02, serial.length);
            out.write(serial);
            long second = r.revokedAt().getEpochSecond();
            if (second >= Y1950 && second < Y2050) {
                utcTime(out, second);
            } else {
                out.write(otherTime(second));
            }
            if (r.reason() != RevocationReason.UNSPECIFIED) {
                out.write(REASON);
                out.bytes[out.pos - 1] = (byte) r.reason().code();
            }
        }
    }

    private static long entryContentLength(RevokedCertificate r) throws IOException {
        long second = r.revokedAt().getEpochSecond();
        return tlvLength(r.serial().bitLength() / 8 + 1)   // BigInteger.toByteArray's length
                + (second >= Y1950 && second < Y2050 ? UTC_TIME : otherTime(second).length)
                + (r.reason() == RevocationReason.UNSPECIFIED ? 0 : REASON.length);
    }

    /** UTCTime YYMMDDHHMMSSZ of whole second {@code second}, written without a formatter. */
    private static void utcTime(Out out, long second) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        out.bytes[out.pos++] = 0x17;
        out.bytes[out.pos++] = 13;
        two(out, t.getYear() % 100);
        two(out, t.getMonthValue());
        two(out, t.getDayOfMonth());
        two(out, t.getHour());
        two(out, t.getMinute());
        two(out, t.getSecond());
        out.bytes[out.pos++] = 'Z';
    }

    private static void two(Out out, int value) {
        out.bytes[out.pos++] = (byte) ('0' + value / 10);
        out.bytes[out.pos++] = (byte) ('0' + value % 10);
    }

    /** A time outside 1950-2049 as BouncyCastle writes it (GeneralizedTime); rare, so through its objects. */
    private static byte[] otherTime(long second) throws IOException {
        return der(new Time(java.util.Date.from(Instant.ofEpochSecond(second))));
    }

    static byte[] der(ASN1Encodable o) throws IOException {
        return o.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    }
}
