package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.cli.SignerCli;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.core.x509.Pem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cutting a station off without a root ceremony: `station-ca revoke` (by serial or certificate file)
 * rewrites the station CA's CRL, the running signer reloads it and refuses the revoked certificate
 * over real mTLS; openssl verifies the CRL; a second certificate for a station name is refused unless
 * it replaces (revokes) the first.
 */
class StationRevocationTest {
    static final String MAIN = "main-policy";

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static ServeCommand.Running signer;

    @BeforeAll
    static void start() throws Exception {
        pki = new SignerFixture(dir);
        pki.policy(MAIN, "  - station-sz-02\n", "  - station-sz-02\n  - station-sz-03\n");
        Files.writeString(dir.resolve("secrets/station-ca.pass"), "test-pkcs12-password\n");
        for (String s : List.of("station-sz-01", "station-sz-02", "station-sz-03")) {
            pki.station(s);
        }
        assertEquals(0, cli("station-ca", "crl", "--out", dir.resolve("certs/station-ca.crl").toString()).rc());
        Path config = pki.config("signer", 200, MAIN);
        Files.writeString(config, Files.readString(config).replace("  station-ca: certs/station-ca.pem\n",
                "  station-ca: certs/station-ca.pem\n  station-crl: certs/station-ca.crl\n"));
        signer = ServeCommand.start(SignerConfig.load(config), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (signer != null) {
            signer.close();
        }
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    record Run(int rc, String out, String err) {
    }

    /** bin/signer station-ca SUB with the CA's key store, password and chain, then {@code args}. */
    static Run cli(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(2, List.of("--key-store", dir.resolve("secrets/station-ca.p12").toString(), "--password",
                "file:" + dir.resolve("secrets/station-ca.pass"), "--ca-chain", dir.resolve("certs/station-chain.pem").toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = SignerCli.execute(a.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(rc, out.toString(), err.toString());
    }

    static String health(String station) throws Exception {
        return RawHttps.exchange(signer.server().port(), pki.station(station), pki.pass(), pki.root, "GET /healthz HTTP/1.1", null, new byte[0]);
    }

    static X509Certificate certificate(Path p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            ks.load(in, pki.pass());
        }
        return (X509Certificate) ks.getCertificate(ks.aliases().nextElement());
    }

    static String awaitStatus(String station, String prefix) throws Exception {
        String r = "";
        for (int i = 0; i < 40 && !r.startsWith(prefix); i++) {
            Thread.sleep(100);
            r = health(station);
        }
        return r;
    }

    @Test
    void revokeBySerial_theSignerReloadsTheCrlAndRefusesThatStationOnly_andOpensslVerifiesTheCrl() throws Exception {
        assertTrue(health("station-sz-01").startsWith("HTTP/1.1 200"));
        String serial = dev.trustline.core.x509.Serials.hex(certificate(pki.station("station-sz-01")).getSerialNumber());
        Run r = cli("station-ca", "revoke", "--serial", serial, "--reason", "key-compromise", "--crl", dir.resolve("certs/station-ca.crl").toString());
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("revoked 'station-sz-01'"), r.out());
        String refused = awaitStatus("station-sz-01", "HTTP/1.1 403");
        assertTrue(refused.startsWith("HTTP/1.1 403") && refused.contains("revoked"), refused);
        assertTrue(health("station-sz-02").startsWith("HTTP/1.1 200"), "other stations are unaffected");
        Process p = new ProcessBuilder("openssl", "crl", "-in", dir.resolve("certs/station-ca.crl").toString(), "-CAfile",
                dir.resolve("certs/station-chain.pem").toString(), "-noout", "-text").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), text);
        assertTrue(text.contains("verify OK") || text.contains("Certificate Revocation List"), text);
        assertTrue(text.toUpperCase().contains(serial.toUpperCase()) && text.contains("Key Compromise"), text);
    }

    @Test
    void sameStationName_secondCertificateIsRefused_unlessItReplacesTheFirst_byCertificateFile() throws Exception {
        Path newer = dir.resolve("stations/sz-03-new.p12");
        List<String> issue = List.of("station-ca", "issue", "--client", "station-sz-03", "--out", newer.toString(),
                "--out-password", "file:" + dir.resolve("secrets/station-ca.pass"));
        Run refused = cli(issue.toArray(String[]::new));
        assertEquals(1, refused.rc(), refused.out());
        assertTrue(refused.err().contains("already has a live certificate"), refused.err());
        // the old certificate, by file
        Path oldPem = dir.resolve("stations/sz-03-old.pem");
        Files.writeString(oldPem, Pem.encode(new org.bouncycastle.cert.X509CertificateHolder(
                certificate(pki.station("station-sz-03")).getEncoded())));
        List<String> replace = new ArrayList<>(issue);
        replace.addAll(List.of("--replace", "--crl", dir.resolve("certs/station-ca.crl").toString()));
        Run replaced = cli(replace.toArray(String[]::new));
        assertEquals(0, replaced.rc(), replaced.err());
        String old = awaitStatus("station-sz-03", "HTTP/1.1 403");
        assertTrue(old.startsWith("HTTP/1.1 403"), "the superseded certificate is refused: " + old);
        String fresh = RawHttps.exchange(signer.server().port(), newer, pki.pass(), pki.root, "GET /healthz HTTP/1.1", null, new byte[0]);
        assertTrue(fresh.startsWith("HTTP/1.1 200"), fresh);
        Run again = cli("station-ca", "revoke", "--cert", oldPem.toString(), "--reason", "superseded", "--crl",
                dir.resolve("certs/station-ca.crl").toString());
        assertEquals(0, again.rc(), again.err());
    }
}
