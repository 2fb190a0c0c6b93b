package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.client.StationTls;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.store.LedgerVerification;
import dev.trustline.signer.store.Store;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input over real HTTPS/mTLS on SoftHSM2 + SQLite: each poisoned line is refused on its own as
 * malformed-line while the good lines of the same batch are issued; a retry gives the same answer;
 * malformed requests get a 4xx. The ledger verifies afterwards.
 */
class SignerBadInputTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MAIN = "main-policy";
    static final String NDJSON = "application/x-ndjson";

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static ServeCommand.Running signer;
    static long serial = 5000;

    @BeforeAll
    static void start() throws Exception {
        pki = new SignerFixture(dir);
        pki.policy(MAIN);
        signer = ServeCommand.start(SignerConfig.load(pki.config("signer", 200, MAIN)), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (signer != null) {
            signer.close();
        }
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    record Reply(int status, JsonNode body, String retryAfter) {
        JsonNode line(int i) {
            return body.path("results").get(i);
        }

        String code(int i) {
            return line(i).path("error").path("code").asText();
        }
    }

    static Reply post(String query, String type, byte[] body) throws Exception {
        URI uri = URI.create("https://localhost:" + signer.server().port() + "/v1/batches?" + query);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        HttpClient client = HttpClient.newBuilder().sslContext(StationTls.context(pki.station("station-sz-01"), pki.pass(),
                List.of(pki.root))).build();
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()), r.headers().firstValue("Retry-After").orElse(null));
    }

    static Reply post(String batchId, List<String> lines) throws Exception {
        return post("batch_id=" + batchId + "&policy=" + MAIN, NDJSON, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    static synchronized List<String> devices(int n) throws Exception {
        List<String> lines = FactorySimulator.batch("GW", serial, n, "", "op-1");
        serial += n;
        return lines;
    }

    /** A good line with {@code field} set to {@code jsonValue} (JSON text, inserted as written). */
    static String with(String line, String field, String jsonValue) throws Exception {
        var o = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(line);
        return o.put(field, "@@").toString().replace("\"@@\"", jsonValue);
    }

    @Test
    void batch_loneSurrogateInOperatorSkuOrHwRev_isMalformedLine_andTheGoodLinesAreIssued() throws Exception {
        List<String> good = devices(4);
        String op = with(good.get(1), "operator", "\"\\ud800\"");
        List<String> lines = List.of(good.get(0), op, with(good.get(2), "sku", "\"a\\udc00b\""), with(good.get(3), "hw_rev", "\"\\ud83d\""));
        Reply r = post("surrogate-1", lines);
        assertEquals(200, r.status(), r.body().toString());
        assertEquals("issued", r.line(0).path("status").asText(), r.body().toString());
        for (int i = 1; i < 4; i++) {
            assertEquals("malformed-line", r.code(i), r.line(i).toString());
            assertTrue(r.line(i).path("error").path("message").asText().contains("surrogate"), r.line(i).toString());
        }
        Reply again = post("surrogate-1", lines);
        assertEquals(200, again.status());
        assertTrue(again.body().path("replayed").asBoolean(), "the batch id is not stuck: the retry replays it");
        assertEquals(r.line(0).path("fingerprint_sha256"), again.line(0).path("fingerprint_sha256"));
        assertLedgerVerifies();
    }

    @Test
    void batch_strictLineParser_refusesEachKindOfBadLine() throws Exception {
        List<String> good = devices(8);
        List<String> lines = new ArrayList<>(List.of(
                good.get(0),
                good.get(1).replace("{", "{\"operator\":\"someone-else\","), // duplicate key
                with(good.get(2), "operator", "\"op\\u0000x\""),             // escaped NUL
                with(good.get(3), "sku", "\"a\\u001bb\""),                    // escaped control character (ESC)
                with(good.get(4), "hw_rev", "\"a\\u0085b\""),                 // C1 control character
                good.get(5) + " {}",                                          // trailing data after the object
                with(good.get(6), "sku", "\"\\ufdd0\"")));                   // non-character
        byte[] invalidUtf8 = with(good.get(7), "sku", "\"X\"").replace("\"X\"", "\"\u0001\"").getBytes(StandardCharsets.UTF_8);
        invalidUtf8[indexOf(invalidUtf8, (byte) 1)] = (byte) 0xC3; // a lone UTF-8 lead byte
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        body.write('\n');
        body.write(invalidUtf8);
        Reply r = post("batch_id=strict-1&policy=" + MAIN, NDJSON, body.toByteArray());
        assertEquals(200, r.status(), r.body().toString());
        assertEquals("issued", r.line(0).path("status").asText(), r.body().toString());
        String[] why = {"duplicate", "NUL", "control", "control", "trailing", "non-character", "UTF-8"};
        for (int i = 1; i <= why.length; i++) {
            assertEquals("malformed-line", r.code(i), r.line(i).toString());
            String message = r.line(i).path("error").path("message").asText();
            assertTrue(message.toLowerCase().contains(why[i - 1].toLowerCase()), i + ": " + message);
        }
        assertLedgerVerifies();
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }

    @Test
    void batch_malformedQueryString_is400() throws Exception {
        byte[] body = String.join("\n", devices(1)).getBytes(StandardCharsets.UTF_8);
        String r = RawHttps.exchange(signer.server().port(), pki.station("station-sz-01"), pki.pass(), pki.root,
                "POST /v1/batches?batch_id=%zz&policy=" + MAIN + " HTTP/1.1", NDJSON, body);
        assertTrue(r.startsWith("HTTP/1.1 400"), r);
        assertTrue(r.contains("query string"), r);
        r = RawHttps.exchange(signer.server().port(), pki.station("station-sz-01"), pki.pass(), pki.root,
                "POST /v1/batches?batch_id=ok-1&policy=%C3%28 HTTP/1.1", NDJSON, body);
        assertTrue(r.startsWith("HTTP/1.1 400"), r);
    }

    @Test
    void batch_wrongOrMissingContentType_is415() throws Exception {
        byte[] body = String.join("\n", devices(1)).getBytes(StandardCharsets.UTF_8);
        for (String type : new String[] {"application/x-www-form-urlencoded", "text/plain", "application/json", null,
            "application/x-ndjson; charset=latin1"}) {
            Reply r = post("batch_id=type-1&policy=" + MAIN, type, body);
            assertEquals(415, r.status(), type + ": " + r.body());
            assertTrue(r.body().path("error").asText().contains(NDJSON), r.body().toString());
        }
        assertEquals(200, post("batch_id=type-2&policy=" + MAIN, "application/x-ndjson; charset=UTF-8", body).status());
    }

    @Test
    void batch_foreignStationOrUnknownPolicy_isRefusedBeforeTheBodyIsRead() throws Exception {
        // a declared body that is never sent: the refusal comes from the request line alone
        for (String query : new String[] {"batch_id=early-1&policy=nope", "batch_id=bad%20id&policy=" + MAIN}) {
            String r = RawHttps.exchange(signer.server().port(), pki.station("station-sz-01"), pki.pass(), pki.root,
                    "POST /v1/batches?" + query + " HTTP/1.1\r\nContent-Length: 100000", NDJSON, new byte[0]);
            assertTrue(r.startsWith("HTTP/1.1 404") || r.startsWith("HTTP/1.1 400"), r);
        }
        String foreign = RawHttps.exchange(signer.server().port(), pki.station("station-xx-99"), pki.pass(), pki.root,
                "POST /v1/batches?batch_id=early-2&policy=" + MAIN + " HTTP/1.1\r\nContent-Length: 100000", NDJSON, new byte[0]);
        assertTrue(foreign.startsWith("HTTP/1.1 403"), foreign);
    }

    @Test
    void batch_publicKeyCertifiedForAnotherDevice_isRefusedKeyReuse_inTheSameBatchAndLater() throws Exception {
        java.security.KeyPairGenerator kpg = java.security.KeyPairGenerator.getInstance("EC");
        kpg.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair shared = kpg.generateKeyPair();
        String a = FactorySimulator.line(FactorySimulator.deviceId("GW", serial++, 9), shared, "op-1");
        String b = FactorySimulator.line(FactorySimulator.deviceId("GW", serial++, 9), shared, "op-1");
        String c = FactorySimulator.line(FactorySimulator.deviceId("GW", serial++, 9), shared, "op-1");
        Reply first = post("keyreuse-1", List.of(a, b));
        assertEquals("issued", first.line(0).path("status").asText(), first.body().toString());
        assertEquals("key-reuse", first.code(1), first.body().toString());
        Reply later = post("keyreuse-2", List.of(c));
        assertEquals("key-reuse", later.code(0), later.body().toString());
        assertTrue(!later.line(0).path("error").path("message").asText().contains("GW"), "names no other device");
        assertLedgerVerifies();
    }

    static void assertLedgerVerifies() throws Exception {
        try (Store store = Store.openSqlite(dir.resolve("state/signer.db"))) {
            LedgerVerification v = store.verifyLedger();
            assertTrue(v.ok(), v.problem());
        }
    }
}
