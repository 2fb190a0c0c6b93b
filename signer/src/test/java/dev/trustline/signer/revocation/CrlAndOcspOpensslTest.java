package dev.trustline.signer.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.core.TrustLineException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device CRL and OCSP responses built here, judged by openssl: {@code openssl crl -CAfile} checks the
 * CRL's signature, {@code openssl verify -crl_check} refuses the revoked leaf and accepts the other, and
 * {@code openssl ocsp} reads our responses as good / revoked / unknown with a verified signature.
 * (Software keys here; the HSM-signed CRL and OCSP are checked in {@code DeviceLifecycleApiContract}.)
 */
class CrlAndOcspOpensslTest {
    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    static final BigInteger REVOKED = new BigInteger("7a11c0ffee", 16);
    static final BigInteger GOOD = new BigInteger("600d", 16);

    @TempDir
    static Path dir;
    static TestPki pki;
    static X509CertificateHolder revokedLeaf;
    static X509CertificateHolder goodLeaf;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki();
        revokedLeaf = pki.leaf(REVOKED, "GW0000000001");
        goodLeaf = pki.leaf(GOOD, "GW0000000002");
        TestPki.pem(dir, "root.pem", pki.root);
        TestPki.pem(dir, "inter.pem", pki.intermediate);
        TestPki.pem(dir, "chain.pem", pki.intermediate, pki.root);
        TestPki.pem(dir, "revoked.pem", revokedLeaf);
        TestPki.pem(dir, "good.pem", goodLeaf);
    }

    static final CrlSigner.SignerSource KEYS = () -> {
        try {
            return pki.intermediateSigner();
        } catch (Exception e) {
            throw new TrustLineException(e.getMessage(), e);
        }
    };

    CrlSigner crlSigner() {
        return new CrlSigner(pki.intermediate, KEYS);
    }

    @Test
    void crl_signedCrl_isVerifiedAndRefusesOnlyTheRevokedLeaf() throws Exception {
        X509CRLHolder crl = crlSigner().sign(BigInteger.valueOf(7), NOW, NOW.plus(Duration.ofDays(7)), List.of(
                new RevokedCertificate(REVOKED, NOW.minusSeconds(60), RevocationReason.KEY_COMPROMISE),
                new RevokedCertificate(BigInteger.valueOf(99), NOW.minusSeconds(30), RevocationReason.UNSPECIFIED)));
        Files.write(dir.resolve("devices.crl"), crl.getEncoded());
        TestPki.Result check = TestPki.run(dir, "openssl", "crl", "-inform", "DER", "-in", "devices.crl", "-CAfile", "chain.pem",
                "-noout", "-text");
        assertTrue(check.out().contains("verify OK"), check.out());
        assertTrue(check.out().contains("Key Compromise"), check.out());
        assertTrue(check.out().contains("X509v3 CRL Number: \n                7"), check.out());
        TestPki.run(dir, "openssl", "crl", "-inform", "DER", "-in", "devices.crl", "-out", "devices.crl.pem");
        TestPki.Result revoked = TestPki.run(dir, "openssl", "verify", "-crl_check", "-CRLfile", "devices.crl.pem",
                "-CAfile", "root.pem", "-untrusted", "inter.pem", "-attime", Long.toString(NOW.getEpochSecond()), "revoked.pem");
        assertEquals(2, revoked.code(), revoked.out());
        assertTrue(revoked.out().contains("certificate revoked"), revoked.out());
        TestPki.Result good = TestPki.run(dir, "openssl", "verify", "-crl_check", "-CRLfile", "devices.crl.pem",
                "-CAfile", "root.pem", "-untrusted", "inter.pem", "-attime", Long.toString(NOW.getEpochSecond()), "good.pem");
        assertEquals(0, good.code(), good.out());
        assertEquals(BigInteger.valueOf(7), CRLNumber.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue())
                .getCRLNumber());
    }

    @Test
    void crl_nextUpdateNotAfterThisUpdate_isRefused() {
        TrustLineException e = assertThrows(TrustLineException.class,
                () -> crlSigner().sign(BigInteger.ONE, NOW, NOW, List.of()));
        assertEquals("CRL nextUpdate 2026-12-04T12:00:00Z is not after thisUpdate 2026-12-04T12:00:00Z", e.getMessage());
    }

    @Test
    void ocsp_openssl_readsGoodRevokedAndUnknown() throws Exception {
        Map<BigInteger, SerialStatus> registry = Map.of(
                GOOD, SerialStatus.GOOD,
                REVOKED, SerialStatus.revoked(NOW.minusSeconds(60), RevocationReason.KEY_COMPROMISE));
        OcspResponder responder = new OcspResponder(pki.intermediate, KEYS,
                serial -> registry.getOrDefault(serial, SerialStatus.UNKNOWN), Duration.ofHours(1));
        assertTrue(ocsp(responder, "good.pem", "good").contains("good.pem: good"));
        String revoked = ocsp(responder, "revoked.pem", "revoked");
        assertTrue(revoked.contains("revoked.pem: revoked"), revoked);
        assertTrue(revoked.contains("Reason: keyCompromise"), revoked);
        TestPki.pem(dir, "stranger.pem", pki.leaf(BigInteger.valueOf(12345), "GW0000000003"));
        assertTrue(ocsp(responder, "stranger.pem", "stranger").contains("stranger.pem: unknown"));
    }

    @Test
    void ocsp_garbage_getsMalformedRequest() throws Exception {
        OcspResponder responder = new OcspResponder(pki.intermediate, KEYS,
                serial -> SerialStatus.GOOD, Duration.ofHours(1));
        assertEquals(1, new OCSPResp(responder.respond(new byte[] {1, 2, 3}, NOW)).getStatus());
    }

    /** openssl writes the request (with a nonce), we answer, openssl verifies the answer against the root. */
    static String ocsp(OcspResponder responder, String cert, String name) throws Exception {
        TestPki.Result req = TestPki.run(dir, "openssl", "ocsp", "-issuer", "inter.pem", "-cert", cert, "-reqout", name + ".req");
        assertEquals(0, req.code(), req.out());
        Files.write(dir.resolve(name + ".resp"), responder.respond(Files.readAllBytes(dir.resolve(name + ".req")),
                Instant.now()));
        TestPki.Result out = TestPki.run(dir, "openssl", "ocsp", "-no_nonce", "-reqin", name + ".req", "-respin", name + ".resp",
                "-issuer", "inter.pem", "-cert", cert, "-CAfile", "root.pem", "-resp_text");
        assertEquals(0, out.code(), out.out());
        assertTrue(out.out().contains("Response verify OK"), out.out());
        return out.out();
    }
}
