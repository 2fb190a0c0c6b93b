package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.trustline.core.x509.Digests;
import dev.trustline.core.x509.Pem;
import dev.trustline.signer.access.Actor;
import dev.trustline.signer.access.Role;
import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.revocation.RevocationReason;
import dev.trustline.signer.store.DeviceState;
import dev.trustline.signer.store.LedgerVerification;
import dev.trustline.signer.store.Store;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.TrustAnchor;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.est.ESTException;
import org.bouncycastle.est.ESTService;
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
 * First-boot re-enrolment: a device that presents its current certificate over mTLS (EST simplereenroll with
 * BouncyCastle's client, CMP kur with openssl) gets an operational certificate of its policy's operational
 * profile, only in the lifecycle states the policy lists, with the key rule it sets; the registry keeps the
 * certificate history, the ledger verifies, and everything else is refused with the reason.
 */
class ReenrolmentTest {
    static final String POLICY = "reenrol-policy";
    static final String OPERATIONAL = "operational:\n  leaf-validity-days: 90\n  key-usage: [digitalSignature]\n"
            + "  ext-key-usage: [clientAuth]\n  states: [shipped, activated]\n  key: new\n";
    static final Actor BACKEND = new Actor("backend-test", Role.BACKEND);

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static ServeCommand.Running signer;
    static long serial = 9_000;

    @BeforeAll
    static void start() throws Exception {
        if (java.security.Security.getProvider("BC") == null) {
            java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }
        pki = new SignerFixture(dir);
        pki.policy(POLICY, "reissue:\n", OPERATIONAL + "reissue:\n");
        signer = ServeCommand.start(SignerConfig.load(pki.config("signer", 200, POLICY)), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (signer != null) {
            signer.close();
        }
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    record Device(String id, KeyPair key, X509CertificateHolder cert) {
    }

    static KeyPair newKey() throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
        return kpg.generateKeyPair();
    }

    static PKCS10CertificationRequest csr(String cn, KeyPair key) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    }

    static TrustAnchor anchor() throws Exception {
        return new TrustAnchor(new JcaX509CertificateConverter().getCertificate(pki.root), null);
    }

    static ESTService est(KeyManagerFactory kmf) throws Exception {
        return new JsseESTServiceBuilder("localhost:" + signer.server().port(), JcaJceUtils.getCertPathTrustManager(Set.of(anchor()), null))
                .withKeyManagers(kmf.getKeyManagers()).withLabel(POLICY).build();
    }

    static KeyManagerFactory stationKeys(String station) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.station(station))) {
            ks.load(in, pki.pass());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pki.pass());
        return kmf;
    }

    static KeyManagerFactory deviceKeys(Device d) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        var conv = new JcaX509CertificateConverter();
        ks.setKeyEntry("device", d.key().getPrivate(), "x".toCharArray(),
                new Certificate[] {conv.getCertificate(d.cert()), conv.getCertificate(pki.intermediate)});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        return kmf;
    }

    /** A device enrolled by a station (EST simpleenroll), moved to {@code state} through the lifecycle. */
    static Device factoryDevice(DeviceState... path) throws Exception {
        String id;
        synchronized (ReenrolmentTest.class) {
            id = FactorySimulator.deviceId("GW", serial++, 9);
        }
        KeyPair key = newKey();
        X509CertificateHolder cert = ESTService.storeToArray(est(stationKeys("station-sz-01")).simpleEnroll(false, csr(id, key), null).getStore())[0];
        for (DeviceState s : path) {
            if (s == DeviceState.PROVISIONED) {   // as the provisioning endpoint records it once the evidence verifies
                signer.lifecycle().lifecycle().provisioned(new Actor("station-sz-01", Role.STATION), id, "test step",
                        JsonNodeFactory.instance.objectNode().put("self_test", "pass"));
            } else {
                signer.lifecycle().lifecycle().apply(BACKEND, id, s, "test step", null);
            }
        }
        return new Device(id, key, cert);
    }

    static final DeviceState[] SHIPPED = {DeviceState.PROVISIONED, DeviceState.SHIPPED};

    static X509CertificateHolder reenrol(Device d, KeyPair newKey) throws Exception {
        try {
            return ESTService.storeToArray(est(deviceKeys(d)).simpleEnroll(true, csr(d.id(), newKey), null).getStore())[0];
        } catch (ESTException e) {
            String body = e.getBody() == null ? "" : new String(e.getBody().readAllBytes(), StandardCharsets.UTF_8).strip();
            throw new ESTException(e.getMessage() + ": " + body, e, e.getStatusCode(), null);
        }
    }

    static int refusal(Device d, KeyPair newKey) throws Exception {
        try {
            reenrol(d, newKey);
        } catch (ESTException e) {
            return e.getStatusCode();
        }
        throw new AssertionError("re-enrolment was not refused");
    }

    static void opensslVerify(X509CertificateHolder cert) throws Exception {
        Path f = Files.createTempFile(dir, "op", ".pem");
        Files.writeString(f, Pem.encode(cert));
        Process p = new ProcessBuilder("openssl", "verify", "-CAfile", dir.resolve("certs/root.pem").toString(),
                "-untrusted", dir.resolve("certs/intermediate.pem").toString(), f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void reenrol_shippedDevice_getsAnOperationalCertificate_andTheRegistryKeepsTheFactoryOne() throws Exception {
        Device d = factoryDevice(SHIPPED);
        X509CertificateHolder op = reenrol(d, newKey());
        opensslVerify(op);
        long days = Duration.between(op.getNotBefore().toInstant(), op.getNotAfter().toInstant()).toDays();
        assertEquals(90, days, "operational validity");
        try (Store store = Store.openSqlite(dir.resolve("state/signer.db"))) {
            var record = store.device(d.id()).orElseThrow();
            assertEquals(Digests.sha256Hex(op.getEncoded()), record.fingerprintSha256(), "the operational certificate is current");
            assertEquals(DeviceState.SHIPPED, record.state(), "re-enrolment keeps the lifecycle state");
            String factory = Digests.sha256Hex(d.cert().getEncoded());
            assertTrue(store.history(d.id()).stream().anyMatch(h -> h.fingerprintSha256().equals(factory)),
                    "the factory certificate is in the history");
            LedgerVerification v = store.verifyLedger();
            assertTrue(v.ok(), v.toString());
        }
    }

    @Test
    void reenrol_deviceStillIssued_isRefusedNamingTheAllowedStates() throws Exception {
        assertEquals(403, refusal(factoryDevice(), newKey()));
    }

    @Test
    void reenrol_withAReplacedCertificate_isRefused() throws Exception {
        Device d = factoryDevice(SHIPPED);
        reenrol(d, newKey());
        assertEquals(403, refusal(d, newKey()), "the factory certificate is no longer the current one");
    }

    @Test
    void reenrol_sameKeyWherePolicySaysNew_isRefused() throws Exception {
        Device d = factoryDevice(SHIPPED);
        assertEquals(403, refusal(d, d.key()));
    }

    @Test
    void reenrol_revokedDevice_isRefused() throws Exception {
        Device d = factoryDevice(SHIPPED);
        signer.lifecycle().lifecycle().revoke(BACKEND, d.id(), RevocationReason.KEY_COMPROMISE, "test");
        assertEquals(403, refusal(d, newKey()));
    }

    @Test
    void reenrol_byAStation_isRefused() throws Exception {
        try {
            est(stationKeys("station-sz-01")).simpleEnroll(true, csr(FactorySimulator.deviceId("GW", 99_999, 9), newKey()), null);
            throw new AssertionError("a station re-enrolled");
        } catch (ESTException e) {
            assertEquals(403, e.getStatusCode(), e.toString());
        }
    }

    @Test
    void reenrol_curlAndOpenssl_asADeviceShellWould() throws Exception {
        Device d = factoryDevice(SHIPPED);
        Path work = Files.createDirectories(dir.resolve("curl-" + d.id()));
        Files.writeString(work.resolve("dev.pem"), Pem.encode(d.cert()));
        Files.writeString(work.resolve("dev.key"), Pem.encode(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", d.key().getPrivate().getEncoded())));
        String root = dir.resolve("certs/root.pem").toString();
        String script = String.join("\n",
                "set -e",
                "openssl ecparam -name prime256v1 -genkey -noout -out new.key",
                "openssl req -new -key new.key -subj /CN=" + d.id() + " -outform DER | base64 > new.b64",
                "curl -sf --cacert " + root + " --cert dev.pem --key dev.key -H 'Content-Type: application/pkcs10' --data-binary @new.b64"
                        + " https://localhost:" + signer.server().port() + "/.well-known/est/" + POLICY + "/simplereenroll | base64 -d > op.p7",
                "openssl pkcs7 -inform DER -in op.p7 -print_certs -out op.pem",
                "openssl verify -CAfile " + root + " -untrusted " + dir.resolve("certs/intermediate.pem") + " op.pem",
                "openssl x509 -in op.pem -noout -ext extendedKeyUsage");
        Process p = new ProcessBuilder("bash", "-c", script).directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("op.pem: OK") && out.contains("TLS Web Client Authentication"), out);
    }

    @Test
    void kur_opensslCmp_renewsWithTheCurrentCertificate() throws Exception {
        Device d = factoryDevice(SHIPPED);
        Path work = Files.createDirectories(dir.resolve("kur-" + d.id()));
        Files.writeString(work.resolve("dev.pem"), Pem.encode(d.cert()));
        Files.writeString(work.resolve("dev.key"), Pem.encode(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", d.key().getPrivate().getEncoded())));
        String script = String.join("\n",
                "set -e",
                "openssl ecparam -name prime256v1 -genkey -noout -out new.key",
                "openssl cmp -cmd kur -server localhost:" + signer.server().port() + " -path .well-known/cmp/p/" + POLICY
                        + " -tls_used -tls_cert dev.pem -tls_key dev.key -tls_trusted " + dir.resolve("certs/root.pem")
                        + " -cert dev.pem -key dev.key -trusted " + dir.resolve("certs/root.pem")
                        + " -untrusted " + dir.resolve("certs/intermediate.pem") + " -newkey new.key -certout op.pem",
                "openssl verify -CAfile " + dir.resolve("certs/root.pem") + " -untrusted " + dir.resolve("certs/intermediate.pem") + " op.pem");
        Process p = new ProcessBuilder("bash", "-c", script).directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        try (Store store = Store.openSqlite(dir.resolve("state/signer.db"))) {
            assertNotEquals(Digests.sha256Hex(d.cert().getEncoded()), store.device(d.id()).orElseThrow().fingerprintSha256());
        }
    }
}
