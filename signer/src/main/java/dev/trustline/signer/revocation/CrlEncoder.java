package dev.trustline.signer.revocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Time;

/**
 * Writes the DER of a CRL's revokedCertificates list directly (RFC 5280 5.1: SEQUENCE OF SEQUENCE
 * {userCertificate INTEGER, revocationDate Time, crlEntryExtensions {reasonCode} OPTIONAL}), because building
 * a million ASN.1 objects to encode them costs seconds. Times are UTCTime before 2050 and GeneralizedTime from
 * 2050 on, as RFC 5280 requires; the bytes equal what BouncyCastle's builder writes for the same entries.
 */
final class CrlEncoder {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    /** SEQUENCE { SEQUENCE { OID 2.5.29.21 (reasonCode), OCTET STRING { ENUMERATED ?? } } }, reason byte last. */
    private static final byte[] REASON = {0x30, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01, 0};
    private static final Instant Y2050 = Instant.parse("2050-01-01T00:00:00Z");

    private CrlEncoder() {
    }

    /** The DER of the revokedCertificates SEQUENCE, or null when there are no entries (the field is then absent). */
    static byte[] revokedCertificates(Collection<RevokedCertificate> revoked) throws IOException {
        if (revoked.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(revoked.size() * 48);
        ByteArrayOutputStream entry = new ByteArrayOutputStream(64);
        for (RevokedCertificate r : revoked) {
            entry.reset();
            entry.write(r.serial().toByteArray().length > 0 ? integer(r.serial()) : new byte[0]);
            entry.write(time(r.revokedAt()));
            if (r.reason() != RevocationReason.UNSPECIFIED) {
                byte[] ext = REASON.clone();
                ext[ext.length - 1] = (byte) r.reason().code();
                entry.write(ext);
            }
            tlv(body, 0x30, entry.toByteArray());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 8);
        tlv(out, 0x30, body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] integer(BigInteger value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(24);
        tlv(out, 0x02, value.toByteArray());
        return out.toByteArray();
    }

    private static byte[] time(Instant at) throws IOException {
        Instant t = at.truncatedTo(ChronoUnit.SECONDS);
        if (!t.isBefore(Y2050)) {
            return der(new Time(java.util.Date.from(t)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(15);
        tlv(out, 0x17, UTC.format(t).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] der(ASN1Encodable o) throws IOException {
        return o.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    }

    static void tlv(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.write(content, 0, n);
    }
}
