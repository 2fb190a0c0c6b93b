package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.x509.KeyAlgorithm;
import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.config.SignerConfig;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** signer.yaml trust.crl: the signer refuses to start when the root's CRL revokes its intermediate. */
class SignerRevocationTest {
    @TempDir
    static Path dir;
    static SignerFixture pki;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new SignerFixture(dir);
        pki.policy("ok");
    }

    @AfterAll
    static void tearDown() throws Exception {
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void serve_crlRevokesTheIntermediate_isRefused_andOpensslAgrees() throws Exception {
        Path config = configWithCrl("revoked", crl(pki.rootSigner(), Instant.now().plus(Duration.ofDays(30)), pki.intermediate.getSerialNumber()));
        String m = refusal(config);
        assertTrue(m.startsWith("the intermediate C=GB,O=Example Gateways Ltd,OU=Shenzhen Factory,CN=Gateway TEST CA (serial "
                + dev.trustline.core.x509.Serials.hex(pki.intermediate.getSerialNumber()) + ") is revoked by "), m);
        assertTrue(m.contains("(reason: keyCompromise)") && m.endsWith("the signer does not start with a revoked CA"), m);
        var r = run("openssl", "verify", "-crl_check", "-CAfile", "certs/root.pem", "-CRLfile", "certs/revoked.crl", "certs/intermediate.pem");
        assertTrue(r.contains("certificate revoked"), r);
    }

    @Test
    void serve_crlRevokesAnotherCertificate_starts() throws Exception {
        Path config = configWithCrl("other", crl(pki.rootSigner(), Instant.now().plus(Duration.ofDays(30)), BigInteger.valueOf(12345)));
        try (var running = ServeCommand.start(SignerConfig.load(config), Clock.systemUTC())) {
            assertTrue(running.server().port() > 0);
        }
        var r = run("openssl", "verify", "-crl_check", "-CAfile", "certs/root.pem", "-CRLfile", "certs/other.crl", "certs/intermediate.pem");
        assertTrue(r.contains("intermediate.pem: OK"), r);
    }

    @Test
    void serve_crlSignedByAnotherKey_isRefused() throws Exception {
        ContentSigner other = new JcaContentSignerBuilder("SHA384withECDSA").build(KeyAlgorithm.ECDSA_P384.generate(null).getPrivate());
        String m = refusal(configWithCrl("foreign", crl(other, Instant.now().plus(Duration.ofDays(30)))));
        assertTrue(m.contains("is not a CRL signed by the root"), m);
    }

    @Test
    void serve_crlOutOfDate_isRefused() throws Exception {
        String m = refusal(configWithCrl("stale", crl(pki.rootSigner(), Instant.now().minus(Duration.ofDays(1)))));
        assertTrue(m.contains("is out of date (next update was"), m);
    }

    @Test
    void serve_crlNotACrl_isRefused() throws Exception {
        String m = refusal(configWithCrl("garbage", "not a CRL\n".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(m.endsWith("cannot be read as a CRL (PEM or DER)"), m);
    }

    @Test
    void config_crlMissing_namesTheYamlPath() throws Exception {
        Path config = pki.config("missing-crl", 100, "ok");
        Files.writeString(config, Files.readString(config).replace("  station-ca: certs/station-ca.pem\n",
                "  station-ca: certs/station-ca.pem\n  crl: certs/nope.crl\n"));
        TrustLineException e = assertThrows(TrustLineException.class, () -> SignerConfig.load(config));
        assertTrue(e.getMessage().contains("trust.crl") && e.getMessage().contains("nope.crl does not exist"), e.getMessage());
    }

    private static String refusal(Path config) {
        return assertThrows(TrustLineException.class, () -> ServeCommand.start(SignerConfig.load(config), Clock.systemUTC()).close()).getMessage();
    }

    private static Path configWithCrl(String name, byte[] crl) throws Exception {
        Files.write(dir.resolve("certs/" + name + ".crl"), crl);
        Path config = pki.config(name, 100, "ok");
        Files.writeString(config, Files.readString(config).replace("  station-ca: certs/station-ca.pem\n",
                "  station-ca: certs/station-ca.pem\n  crl: certs/" + name + ".crl\n"));
        return config;
    }

    /** A PEM CRL of the test root (as the ceremony writes it), revoking {@code serials} for key compromise. */
    private static byte[] crl(ContentSigner signer, Instant nextUpdate, BigInteger... serials) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder b = new X509v2CRLBuilder(pki.root.getSubject(), Date.from(now.minus(Duration.ofHours(1))));
        b.setNextUpdate(Date.from(nextUpdate));
        for (BigInteger s : serials) {
            ExtensionsGenerator g = new ExtensionsGenerator();
            g.addExtension(Extension.reasonCode, false, CRLReason.lookup(CRLReason.keyCompromise));
            g.addExtension(Extension.invalidityDate, false, new ASN1GeneralizedTime(Date.from(now.minus(Duration.ofDays(2)))));
            b.addCRLEntry(s, Date.from(now.minus(Duration.ofHours(2))), g.generate());
        }
        b.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.ASN1Integer(2));
        X509CRLHolder crl = b.build(signer);
        String pem = "-----BEGIN X509 CRL-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(crl.getEncoded())
                + "\n-----END X509 CRL-----\n";
        return pem.getBytes(StandardCharsets.US_ASCII);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}
