package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.store.LedgerVerification;
import dev.trustline.signer.store.Store;
import dev.trustline.core.x509.Pem;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.TrustAnchor;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.est.CACertsResponse;
import org.bouncycastle.est.ESTException;
import org.bouncycastle.est.ESTService;
import org.bouncycastle.est.EnrollmentResponse;
import org.bouncycastle.est.jcajce.JcaJceUtils;
import org.bouncycastle.est.jcajce.JsseESTServiceBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EST (RFC 7030) on the signer's mTLS listener, driven by BouncyCastle's EST client and by curl +
 * openssl as a shell client would: certificates pass openssl verify, land in the registry and ledger,
 * and are refused exactly as the batch API refuses them.
 */
class EstApiTest {
    static final String MAIN = "est-policy";
    static final String QUOTA = "est-quota";

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static ServeCommand.Running signer;
    static Path config;
    static long serial = 5_000;

    @BeforeAll
    static void start() throws Exception {
        if (java.security.Security.getProvider("BC") == null) { // BouncyCastle's EST client needs it registered
            java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }
        pki = new SignerFixture(dir);
        pki.policy(MAIN);
        pki.policy(QUOTA, "total: 100000", "total: 1", "per-day: 10000", "per-day: 1",
                "  - station-sz-02\n", "  - station-sz-02\n  - station-quota\n", "  - station-sz-01\n", "");
        config = pki.config("signer", 200, MAIN, QUOTA);
        signer = ServeCommand.start(SignerConfig.load(config), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (signer != null) {
            signer.close();
        }
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    static ESTService est(String station, String label) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.station(station))) {
            ks.load(in, pki.pass());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pki.pass());
        var anchor = new TrustAnchor(new JcaX509CertificateConverter().getCertificate(pki.root), null);
        var builder = new JsseESTServiceBuilder("localhost:" + signer.server().port(), JcaJceUtils.getCertPathTrustManager(Set.of(anchor), null))
                .withKeyManagers(kmf.getKeyManagers());
        if (label != null) {
            builder.withLabel(label);
        }
        return builder.build();
    }

    static synchronized String nextId() {
        return FactorySimulator.deviceId("GW", serial++, 9);
    }

    static PKCS10CertificationRequest csr(String cn) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = kpg.generateKeyPair();
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    }

    static void opensslVerify(X509CertificateHolder cert) throws Exception {
        Path f = Files.createTempFile(dir, "device", ".pem");
        Files.writeString(f, Pem.encode(cert));
        Process p = new ProcessBuilder("openssl", "verify", "-CAfile", dir.resolve("certs/root.pem").toString(),
                "-untrusted", dir.resolve("certs/intermediate.pem").toString(), f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    static int status(Exception e) {
        return e instanceof ESTException est ? est.getStatusCode() : -1;
    }

    @Test
    void est_cacerts_returnsTheIssuingChain() throws Exception {
        CACertsResponse r = est("station-sz-01", MAIN).getCACerts();
        X509CertificateHolder[] certs = ESTService.storeToArray(r.getCertificateStore());
        assertEquals(Set.of(pki.intermediate, pki.root), Set.of(certs));
    }

    @Test
    void est_simpleEnroll_issuesThroughThePolicyAndTheLedger() throws Exception {
        String id = nextId();
        EnrollmentResponse r = est("station-sz-01", MAIN).simpleEnroll(false, csr(id), null);
        X509CertificateHolder[] certs = ESTService.storeToArray(r.getStore());
        assertEquals(1, certs.length);
        assertTrue(certs[0].getSubject().toString().contains("CN=" + id), certs[0].getSubject().toString());
        opensslVerify(certs[0]);
        try (Store store = Store.openSqlite(dir.resolve("state/signer.db"))) {
            assertTrue(store.device(id).isPresent(), "registry row for " + id);
            LedgerVerification v = store.verifyLedger();
            assertTrue(v.ok(), v.toString());
        }
    }

    @Test
    void est_sameCsrTwice_answersTheSameCertificate() throws Exception {
        PKCS10CertificationRequest request = csr(nextId());
        X509CertificateHolder first = ESTService.storeToArray(est("station-sz-01", MAIN).simpleEnroll(false, request, null).getStore())[0];
        X509CertificateHolder again = ESTService.storeToArray(est("station-sz-01", MAIN).simpleEnroll(false, request, null).getStore())[0];
        assertEquals(first, again);
    }

    @Test
    void est_stationNotInPolicy_isRefusedWith403() {
        Exception e = assertThrowsAny(() -> est("station-unknown", MAIN).simpleEnroll(false, csr(nextId()), null));
        assertEquals(403, status(e), e.toString());
    }

    @Test
    void est_badDeviceId_isRefusedWith400() {
        Exception e = assertThrowsAny(() -> est("station-sz-01", MAIN).simpleEnroll(false, csr("GW0000000001"), null));
        assertEquals(400, status(e), e.toString());
    }

    @Test
    void est_overQuota_isRefusedWith403() throws Exception {
        est("station-quota", QUOTA).simpleEnroll(false, csr(nextId()), null);
        Exception e = assertThrowsAny(() -> est("station-quota", QUOTA).simpleEnroll(false, csr(nextId()), null));
        assertEquals(403, status(e), e.toString());
    }

    @Test
    void est_unknownLabel_is404() {
        Exception e = assertThrowsAny(() -> est("station-sz-01", "no-such-policy").simpleEnroll(false, csr(nextId()), null));
        assertEquals(404, status(e), e.toString());
    }

    @Test
    void est_csrAttrs_namesThePolicysKeyType() throws Exception {
        var attrs = est("station-sz-01", MAIN).getCSRAttributes().getAttributesResponse();
        assertTrue(attrs.hasRequirement(org.bouncycastle.asn1.x9.X9ObjectIdentifiers.ecdsa_with_SHA256), attrs.getRequirements().toString());
    }

    @Test
    void est_curlAndOpenssl_enrolAsAShellClientWould() throws Exception {
        String id = nextId();
        Path work = Files.createDirectories(dir.resolve("shell-" + id));
        Path p12 = pki.station("station-sz-02");
        String script = String.join("\n",
                "set -e",
                "openssl pkcs12 -in '" + p12 + "' -passin pass:test-pkcs12-password -nokeys -clcerts -out station.crt",
                "openssl pkcs12 -in '" + p12 + "' -passin pass:test-pkcs12-password -nocerts -nodes -out station.key",
                "openssl ecparam -name prime256v1 -genkey -noout -out device.key",
                "openssl req -new -key device.key -subj /CN=" + id + " -outform DER | base64 > device.b64",
                "url=https://localhost:" + signer.server().port() + "/.well-known/est/" + MAIN,
                "curl -sf --cacert '" + dir.resolve("certs/root.pem") + "' --cert station.crt --key station.key "
                        + "-H 'Content-Type: application/pkcs10' --data-binary @device.b64 $url/simpleenroll | base64 -d > device.p7",
                "openssl pkcs7 -inform DER -in device.p7 -print_certs -out device.pem",
                "openssl verify -CAfile '" + dir.resolve("certs/root.pem") + "' -untrusted '" + dir.resolve("certs/intermediate.pem") + "' device.pem",
                "openssl x509 -in device.pem -noout -subject");
        Process p = new ProcessBuilder("bash", "-c", script).directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("device.pem: OK") && out.contains(id), out);
    }

    interface Call {
        void run() throws Exception;
    }

    static Exception assertThrowsAny(Call call) {
        try {
            call.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }
}
