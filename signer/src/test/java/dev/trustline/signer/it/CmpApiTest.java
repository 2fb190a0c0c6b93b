package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.store.LedgerVerification;
import dev.trustline.signer.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CMP (RFC 6712 transfer, RFC 9483 profile) on the signer, driven by Debian's `openssl cmp` as the
 * client: a signature-protected p10cr with certConf/pkiConf gives a certificate that openssl verify
 * accepts and that the registry and ledger hold; refusals come back as PKIStatusInfo.
 */
class CmpApiTest {
    static final String MAIN = "cmp-policy";
    static final String QUOTA = "cmp-quota";

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static ServeCommand.Running signer;
    static long serial = 7_000;

    @BeforeAll
    static void start() throws Exception {
        pki = new SignerFixture(dir);
        pki.policy(MAIN);
        pki.policy(QUOTA, "total: 100000", "total: 1", "per-day: 10000", "per-day: 1");
        signer = ServeCommand.start(SignerConfig.load(pki.config("signer", 200, MAIN, QUOTA)), Clock.systemUTC());
        pki.station("station-sz-01");
        pki.station("station-sz-02");
        shell(dir, String.join("\n",
                "set -e",
                "for s in station-sz-01 station-sz-02; do",
                "  openssl pkcs12 -in stations/$s.p12 -passin pass:test-pkcs12-password -nokeys -clcerts -out $s.crt",
                "  openssl pkcs12 -in stations/$s.p12 -passin pass:test-pkcs12-password -nocerts -nodes -out $s.key",
                "done"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (signer != null) {
            signer.close();
        }
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    record Run(int status, String output) {
    }

    static Run shell(Path cwd, String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    static synchronized String nextId() {
        return FactorySimulator.deviceId("GW", serial++, 9);
    }

    /** openssl cmp as a station would run it: TLS and message protection with the station's certificate. */
    static Run cmp(String station, String cmd, String subjectCn, String extra) throws Exception {
        String script = String.join("\n",
                "set -e",
                "openssl ecparam -name prime256v1 -genkey -noout -out dev-" + subjectCn + ".key",
                "openssl req -new -key dev-" + subjectCn + ".key -subj /CN=" + subjectCn + " -out dev-" + subjectCn + ".csr",
                "openssl cmp -cmd " + cmd + " -server localhost:" + signer.server().port() + " -path .well-known/cmp/p/" + MAIN
                        + " -tls_used -tls_cert " + station + ".crt -tls_key " + station + ".key -tls_trusted certs/root.pem"
                        + " -cert " + station + ".crt -key " + station + ".key -trusted certs/root.pem -untrusted certs/station-chain.pem"
                        + " -csr dev-" + subjectCn + ".csr -certout dev-" + subjectCn + ".pem " + extra,
                "openssl verify -CAfile certs/root.pem -untrusted certs/intermediate.pem dev-" + subjectCn + ".pem",
                "openssl x509 -in dev-" + subjectCn + ".pem -noout -subject");
        return shell(dir, script);
    }

    @Test
    void cmp_p10cr_issuesACertificateOpensslVerifiesAndTheLedgerHolds() throws Exception {
        String id = nextId();
        Run r = cmp("station-sz-01", "p10cr", id, "");
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("dev-" + id + ".pem: OK") && r.output().contains(id), r.output());
        try (Store store = Store.openSqlite(dir.resolve("state/signer.db"))) {
            assertTrue(store.device(id).isPresent(), "registry row for " + id);
            LedgerVerification v = store.verifyLedger();
            assertTrue(v.ok(), v.toString());
        }
    }

    /** ir / cr: openssl builds the CRMF request from -newkey and -subject and proves possession by signing it. */
    static Run crmf(String station, String cmd, String subjectCn) throws Exception {
        return crmf(station, cmd, subjectCn, MAIN);
    }

    static Run crmf(String station, String cmd, String subjectCn, String policy) throws Exception {
        String key = "crmf-" + subjectCn + ".key";
        String script = String.join("\n",
                "set -e",
                "openssl ecparam -name prime256v1 -genkey -noout -out " + key,
                "openssl cmp -cmd " + cmd + " -server localhost:" + signer.server().port() + " -path .well-known/cmp/p/" + policy
                        + " -tls_used -tls_cert " + station + ".crt -tls_key " + station + ".key -tls_trusted certs/root.pem"
                        + " -cert " + station + ".crt -key " + station + ".key -trusted certs/root.pem -untrusted certs/station-chain.pem"
                        + " -newkey " + key + " -subject /CN=" + subjectCn + " -certout crmf-" + subjectCn + ".pem",
                "openssl verify -CAfile certs/root.pem -untrusted certs/intermediate.pem crmf-" + subjectCn + ".pem");
        return shell(dir, script);
    }

    @Test
    void cmp_ir_issuesFromACrmfRequestWithSignaturePop() throws Exception {
        String id = nextId();
        Run r = crmf("station-sz-01", "ir", id);
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("crmf-" + id + ".pem: OK"), r.output());
        try (Store store = Store.openSqlite(dir.resolve("state/signer.db"))) {
            assertTrue(store.device(id).isPresent(), "registry row for " + id);
            LedgerVerification v = store.verifyLedger();
            assertTrue(v.ok(), v.toString());
        }
    }

    @Test
    void cmp_overQuota_isRefusedWithTheBatchApisLineCode() throws Exception {
        assertEquals(0, crmf("station-sz-01", "ir", nextId(), QUOTA).status());
        Run r = crmf("station-sz-01", "ir", nextId(), QUOTA);
        assertNotEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("over-quota"), r.output());
    }

    @Test
    void cmp_cr_issuesFromACrmfRequest() throws Exception {
        String id = nextId();
        Run r = crmf("station-sz-02", "cr", id);
        assertEquals(0, r.status(), r.output());
    }

    @Test
    void cmp_irForADeviceAlreadyIssued_isRefusedAsTheBatchApiRefusesIt() throws Exception {
        String id = nextId();
        assertEquals(0, crmf("station-sz-01", "ir", id).status());
        Run again = crmf("station-sz-01", "ir", id);
        assertNotEquals(0, again.status(), again.output());
        assertTrue(again.output().contains("duplicate-device"), again.output());
    }

    @Test
    void cmp_stationNotInPolicy_isRefused() throws Exception {
        pki.station("station-unknown");
        shell(dir, "openssl pkcs12 -in stations/station-unknown.p12 -passin pass:test-pkcs12-password -nokeys -clcerts -out station-unknown.crt"
                + " && openssl pkcs12 -in stations/station-unknown.p12 -passin pass:test-pkcs12-password -nocerts -nodes -out station-unknown.key");
        Run r = crmf("station-unknown", "ir", nextId());
        assertNotEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("not named by policy"), r.output());
    }

    @Test
    void cmp_p10crWithImplicitConfirm_issues() throws Exception {
        String id = nextId();
        Run r = cmp("station-sz-02", "p10cr", id, "-implicit_confirm");
        assertEquals(0, r.status(), r.output());
    }

    @Test
    void cmp_badDeviceId_isRefusedWithTheBatchApisLineCode() throws Exception {
        Run r = cmp("station-sz-01", "p10cr", "GW0000000001", "");
        assertNotEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("bad-device-id"), r.output());
    }
}
