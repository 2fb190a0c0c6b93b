package dev.trustline.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.core.TrustLineException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The factory client's BouncyCastle-free trust file reader, against certificates openssl made. */
class PemCertificatesTest {
    @TempDir
    static Path dir;
    static String first;
    static String second;

    @BeforeAll
    static void openssl() throws Exception {
        first = selfSigned("first");
        second = selfSigned("second");
    }

    private static String selfSigned(String cn) throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=" + cn, "-days", "1", "-keyout", dir.resolve(cn + ".key").toString(), "-out", dir.resolve(cn + ".pem").toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        return Files.readString(dir.resolve(cn + ".pem"));
    }

    @Test
    void read_twoOpensslCertificates_inFileOrder() throws Exception {
        Path f = Files.writeString(dir.resolve("chain.pem"), "a comment line\n" + first + "\n" + second);
        List<X509Certificate> certs = PemCertificates.read(f);
        assertEquals(2, certs.size());
        assertEquals("CN=first", certs.get(0).getSubjectX500Principal().getName());
        assertEquals("CN=second", certs.get(1).getSubjectX500Principal().getName());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "private key      | KEY    | line 1: not a certificate (-----BEGIN PRIVATE KEY-----)",
        "no END line      | NOEND  | line 1: the certificate begun there has no END line",
        "other END line   | BADEND | the certificate begun on line 1 ends with -----END X509 CRL-----",
        "not base64       | BASE64 | line 1: not a valid certificate",
        "not DER          | DER    | line 1: not a valid certificate",
        "empty file       | EMPTY  | no certificate in it (expected PEM CERTIFICATE blocks)",
        "missing file     | NONE   | cannot read",
    })
    void read_badTrustFile_isRefusedNamingWhat(String name, String kind, String message) throws Exception {
        Path f = dir.resolve(kind + ".pem");
        String body = first.substring(first.indexOf('\n') + 1, first.indexOf("-----END"));
        switch (kind) {
            case "KEY" -> Files.writeString(f, Files.readString(dir.resolve("first.key")));
            case "NOEND" -> Files.writeString(f, "-----BEGIN CERTIFICATE-----\n" + body);
            case "BADEND" -> Files.writeString(f, "-----BEGIN CERTIFICATE-----\n" + body + "-----END X509 CRL-----\n");
            case "BASE64" -> Files.writeString(f, "-----BEGIN CERTIFICATE-----\n%%%%\n-----END CERTIFICATE-----\n");
            case "DER" -> Files.writeString(f, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
            case "EMPTY" -> Files.writeString(f, "");
            default -> { }
        }
        TrustLineException e = assertThrows(TrustLineException.class, () -> PemCertificates.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) || e.getMessage().startsWith("cannot read " + f), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(!e.getMessage().contains("Exception"), e.getMessage());
    }
}
