package dev.trustline.signer.revocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.junit.jupiter.api.Test;

/** The hand-written CRL encoding is byte for byte what BouncyCastle's builder writes for the same CRL. */
class CrlEncoderTest {

    @Test
    void sign_sameEntries_tbsEqualsBouncyCastleBuilder() throws Exception {
        Instant now = Instant.parse("2026-12-04T12:00:00Z");
        List<RevokedCertificate> entries = new ArrayList<>();
        int i = 0;
        for (RevocationReason r : RevocationReason.values()) {
            entries.add(new RevokedCertificate(BigInteger.valueOf(127L + 1000L * i), now.minusSeconds(i), r));
            entries.add(new RevokedCertificate(new BigInteger("7f" + "ab".repeat(15 + i), 16), now.plusSeconds(i), r));
            entries.add(new RevokedCertificate(new BigInteger("ff" + "01".repeat(15), 16), now.plusMillis(1500 * i), r));
            i++;
        }
        entries.add(new RevokedCertificate(BigInteger.valueOf(128), Instant.parse("2051-01-01T00:00:00Z"),
                RevocationReason.SUPERSEDED));
        entries.add(new RevokedCertificate(BigInteger.ONE, Instant.parse("2049-12-31T23:59:59.999Z"),
                RevocationReason.KEY_COMPROMISE));
        entries.add(new RevokedCertificate(BigInteger.TWO, Instant.parse("1949-12-31T23:59:59Z"),
                RevocationReason.UNSPECIFIED));
        assertSameAsBouncyCastle(now, entries);
    }

    @Test
    void sign_noEntries_listAbsentAsBouncyCastleWritesIt() throws Exception {
        assertSameAsBouncyCastle(Instant.parse("2026-12-04T12:00:00Z"), List.of());
    }

    /** Our bytes are DER as they stand (a re-encoding changes nothing) and their TBS is the builder's. */
    static void assertSameAsBouncyCastle(Instant now, List<RevokedCertificate> entries) throws Exception {
        TestPki pki = new TestPki();
        byte[] der = new CrlSigner(pki.intermediate, pki::intermediateSigner0).signEncoded(BigInteger.TEN, now,
                now.plus(Duration.ofDays(1)), entries);
        X509CRLHolder ours = new X509CRLHolder(der);
        assertArrayEquals(der, ours.toASN1Structure().getEncoded("DER"));
        X509v2CRLBuilder b = new X509v2CRLBuilder(pki.intermediate.getSubject(), Date.from(now));
        b.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        for (RevokedCertificate r : entries) {
            Date at = Date.from(r.revokedAt().truncatedTo(ChronoUnit.SECONDS));
            if (r.reason() == RevocationReason.UNSPECIFIED) {
                b.addCRLEntry(r.serial(), at, null);
            } else {
                b.addCRLEntry(r.serial(), at, r.reason().code());
            }
        }
        b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.TEN));
        b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(SubjectKeyIdentifier
                .getInstance(pki.intermediate.getExtension(Extension.subjectKeyIdentifier).getParsedValue()).getKeyIdentifier()));
        X509CRLHolder theirs = b.build(pki.intermediateSigner());
        assertArrayEquals(theirs.toASN1Structure().getTBSCertList().getEncoded("DER"),
                ours.toASN1Structure().getTBSCertList().getEncoded("DER"));
        assertEquals(entries.size(), ours.getRevokedCertificates().size());
    }
}
