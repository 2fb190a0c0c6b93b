package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.client.StationTls;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.store.LedgerVerification;
import dev.trustline.signer.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

/**
 * Real faults, recovered from in the same JVM without a restart: the HSM token logged out (C_Logout
 * on the real SoftHSM2 token) and unreachable for a while (its PIN file wrong meanwhile, so re-login
 * fails), and the SQLite database full (max_page_count, filled by another connection) and then freed.
 */
class SignerFaultsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MAIN = "main-policy";
    /** The signer's SQLite connections may grow the file to this many pages. */
    static final int MAX_PAGES = 4000;

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static ServeCommand.Running signer;
    static long serial = 9000;

    @BeforeAll
    static void start() throws Exception {
        pki = new SignerFixture(dir);
        pki.policy(MAIN);
        Path config = pki.config("signer", 200, MAIN);
        Files.writeString(config, Files.readString(config).replace("sqlite: state/signer.db",
                "sqlite: \"state/signer.db?max_page_count=" + MAX_PAGES + "\""));
        signer = ServeCommand.start(SignerConfig.load(config), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (signer != null) {
            signer.close();
        }
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    record Reply(int status, JsonNode body, String retryAfter, String raw, String requestIdHeader) {
        String code(int i) {
            return body.path("results").get(i).path("error").path("code").asText();
        }
    }

    static Reply post(String batchId, List<String> lines) throws Exception {
        URI uri = URI.create("https://localhost:" + signer.server().port() + "/v1/batches?batch_id=" + batchId + "&policy=" + MAIN);
        HttpClient client = HttpClient.newBuilder().sslContext(StationTls.context(pki.station("station-sz-01"), pki.pass(),
                List.of(pki.root))).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()), r.headers().firstValue("Retry-After").orElse(null), r.body(),
                r.headers().firstValue("X-Request-Id").orElse(null));
    }

    static synchronized List<String> devices(int n) throws Exception {
        List<String> lines = FactorySimulator.batch("GW", serial, n, "", "op-1");
        serial += n;
        return lines;
    }

    /** C_Logout through a session of our own: the PKCS#11 login state is per application, so the signer is logged out too. */
    static void logOutOfTheToken() throws Exception {
        PKCS11Module module = PKCS11Module.getInstance(SignerFixture.MODULE.toString());
        try {
            module.initialize();
        } catch (org.xipki.pkcs11.wrapper.PKCS11Exception e) {
            // already initialised in this JVM
        }
        for (Slot slot : module.getSlotList(true)) {
            if (labelOf(slot).equals(pki.token.label())) {
                Session s = slot.getToken().openSession(false);
                s.logout();
                s.closeSession();
                return;
            }
        }
        throw new IllegalStateException("token not found");
    }

    /** A slot whose token another test class deleted still lists, and answers CKR_GENERAL_ERROR: skip it. */
    private static String labelOf(Slot slot) {
        try {
            return slot.getToken().getTokenInfo().getLabel().trim();
        } catch (org.xipki.pkcs11.wrapper.PKCS11Exception e) {
            return "";
        }
    }

    @Test
    void hsm_loggedOutAndUnreachable_is503HsmUnavailable_thenIssuesAgainByItself() throws Exception {
        assertEquals(200, post("hsm-0", devices(2)).status());
        Path pin = dir.resolve("secrets/signer.pin");
        Files.writeString(pin, "not-the-pin\n"); // re-login fails until the PIN file is right again
        logOutOfTheToken();
        List<String> lines = devices(3);
        Reply lost = post("hsm-1", lines);
        assertEquals(503, lost.status(), lost.raw());
        assertNotNull(lost.retryAfter(), "Retry-After");
        for (int i = 0; i < 3; i++) {
            assertEquals("hsm-unavailable", lost.code(i), lost.raw());
        }
        Thread.sleep(2500);
        Reply still = post("hsm-1", lines);
        assertEquals(503, still.status(), still.raw());
        assertEquals("hsm-unavailable", still.code(0));
        Files.writeString(pin, SignerFixture.PIN + "\n");
        Thread.sleep(2500);
        Reply back = post("hsm-1", lines);
        assertEquals(200, back.status(), back.raw());
        assertEquals(3, back.body().path("summary").path("issued").asInt(), back.raw());
        assertLedgerVerifies();
    }

    /** An unsealed signer has no PIN file: after losing the token it logs in again with the PIN the officers gave. */
    @Test
    void hsm_lostByAnUnsealedSigner_reopensWithTheUnsealedPin_notAPinFile() throws Exception {
        Path config = pki.config("unsealed", 200, MAIN);
        Files.writeString(config, Files.readString(config).replace("file:secrets/signer.pin", "file:secrets/no-such.pin"));
        dev.trustline.signer.ca.IssuingCa ca = dev.trustline.signer.ca.IssuingCaLoader.load(SignerConfig.load(config),
                java.time.Instant.now(), SignerFixture.PIN.toCharArray());
        logOutOfTheToken();
        Exception lost = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> signOnce(ca));
        org.junit.jupiter.api.Assertions.assertTrue(ca.token().failed(lost), "the failure is the token's");
        Thread.sleep(dev.trustline.signer.ca.TokenKeeper.RETRY.toMillis() + 200);
        org.junit.jupiter.api.Assertions.assertTrue(ca.token().available(), "re-opened with the unsealed PIN");
        assertNotNull(signOnce(ca));
    }

    private static byte[] signOnce(dev.trustline.signer.ca.IssuingCa ca) throws Exception {
        org.bouncycastle.operator.ContentSigner s = ca.signer();
        s.getOutputStream().write(new byte[] {1, 2, 3});
        return s.getSignature();
    }

    @Test
    void database_full_is503WithRequestIdAndNoDetail_thenWorksOnceFreed() throws Exception {
        assertEquals(200, post("db-0", devices(2)).status());
        Path db = dir.resolve("state/signer.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            fill(c);
            List<String> lines = devices(60);
            Reply full = post("db-1", lines);
            assertEquals(503, full.status(), full.raw());
            assertNotNull(full.retryAfter(), "Retry-After");
            String id = full.body().path("request_id").asText();
            assertTrue(id.matches("[0-9a-f]{16}") && id.equals(full.requestIdHeader()), full.raw());
            for (String leak : new String[] {dir.toString(), "signer.db", "SQLite", "SQLState", "SQLITE", "Exception", "postgres"}) {
                assertFalse(full.raw().contains(leak), "leaks '" + leak + "': " + full.raw());
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE filler");
            }
            // the failed attempt spent rate-limit tokens on certificates it then discarded, so the station's
            // bucket may hold back a few lines as "retry": re-send the same batch as a station would
            Reply freed = post("db-1", lines);
            for (int i = 0; i < 10 && freed.status() == 200 && freed.body().path("summary").path("retry").asInt() > 0; i++) {
                Thread.sleep(1000);
                freed = post("db-1", lines);
            }
            assertEquals(200, freed.status(), freed.raw());
            assertEquals(60, freed.body().path("summary").path("issued").asInt(), freed.raw());
        }
        assertLedgerVerifies();
    }

    /** Grows the file to the signer's page limit with a table of blobs, leaving no free page. */
    private static void fill(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE filler (b BLOB)");
            while (pragma(s, "page_count") < MAX_PAGES || pragma(s, "freelist_count") > 0) {
                s.execute("INSERT INTO filler VALUES (zeroblob(100000))");
            }
        }
    }

    private static long pragma(Statement s, String name) throws Exception {
        try (ResultSet r = s.executeQuery("PRAGMA " + name)) {
            r.next();
            return r.getLong(1);
        }
    }

    static void assertLedgerVerifies() throws Exception {
        try (Store store = Store.openSqlite(dir.resolve("state/signer.db"))) {
            LedgerVerification v = store.verifyLedger();
            assertTrue(v.ok(), v.problem());
        }
    }
}
