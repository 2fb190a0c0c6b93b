package dev.trustline.signer.revocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
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
        TestPki pki = new TestPki();
        Instant now = Instant.parse("2026-12-04T12:00:00Z");
        List<RevokedCertificate> entries = new ArrayList<>();
        int i = 0;
        for (RevocationReason r : RevocationReason.values()) {
            entries.add(new RevokedCertificate(BigInteger.valueOf(127L + 1000L * i), now.minusSeconds(i), r));
            entries.add(new RevokedCertificate(new BigInteger("7f" + "ab".repeat(15 + i), 16), now.plusSeconds(i), r));
            i++;
        }
        entries.add(new RevokedCertificate(BigInteger.valueOf(128), Instant.parse("2051-01-01T00:00:00Z"),
                RevocationReason.SUPERSEDED));
        X509CRLHolder ours = new CrlSigner(pki.intermediate, pki::intermediateSigner0).sign(BigInteger.TEN, now,
                now.plus(Duration.ofDays(1)), entries);
        X509v2CRLBuilder b = new X509v2CRLBuilder(pki.intermediate.getSubject(), Date.from(now));
        b.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        for (RevokedCertificate r : entries) {
            if (r.reason() == RevocationReason.UNSPECIFIED) {
                b.addCRLEntry(r.serial(), Date.from(r.revokedAt()), null);
            } else {
                b.addCRLEntry(r.serial(), Date.from(r.revokedAt()), r.reason().code());
            }
        }
        b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.TEN));
        b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(SubjectKeyIdentifier
                .getInstance(pki.intermediate.getExtension(Extension.subjectKeyIdentifier).getParsedValue()).getKeyIdentifier()));
        X509CRLHolder theirs = b.build(pki.intermediateSigner());
        assertArrayEquals(theirs.toASN1Structure().getTBSCertList().getEncoded("DER"),
                ours.toASN1Structure().getTBSCertList().getEncoded("DER"));
    }
}
