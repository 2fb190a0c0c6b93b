package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.client.StationTls;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.ops.LogSetup;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Operating the signer: request ids in headers, error bodies and log lines; one access-log line per
 * request and one line per batch; JSON log lines; Prometheus metrics and health on the plain-HTTP
 * admin listener; /readyz turning 503 when the token goes away (last: it deletes the token).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignerOpsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String POLICY = "ops-policy";
    static final String STATION = "station-sz-01";

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static ServeCommand.Running signer;
    static Path config;
    static HttpClient station;
    static ListAppender<ILoggingEvent> captured = new ListAppender<>();
    static long serial = 500;

    @BeforeAll
    static void start() throws Exception {
        pki = new SignerFixture(dir);
        pki.policy(POLICY, "total: 100000", "total: 1000", "per-day: 10000", "per-day: 1000");
        config = pki.config("ops", 100, POLICY);
        signer = ServeCommand.start(SignerConfig.load(config), Clock.systemUTC());
        station = HttpClient.newBuilder().sslContext(StationTls.context(pki.station(STATION), pki.pass(), List.of(pki.root))).build();
        captured.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        captured.start();
        root().addAppender(captured);
    }

    @AfterAll
    static void stop() throws Exception {
        root().detachAppender(captured);
        if (signer != null) {
            signer.close();
        }
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    static HttpResponse<String> post(String batchId, String policy, List<String> lines) throws Exception {
        URI uri = URI.create("https://localhost:" + signer.server().port() + "/v1/batches?batch_id=" + batchId + "&policy=" + policy);
        return station.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> admin(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + signer.admin().port() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static synchronized List<String> devices(int n) throws Exception {
        List<String> lines = FactorySimulator.batch("GW", serial, n, "", "op-ops");
        serial += n;
        return lines;
    }

    static List<ILoggingEvent> events(String requestId) {
        synchronized (captured.list) {
            return captured.list.stream().filter(e -> requestId.equals(e.getMDCPropertyMap().get("request_id"))).toList();
        }
    }

    static Map<String, String> kv(ILoggingEvent e) {
        return e.getKeyValuePairs() == null ? Map.of()
                : e.getKeyValuePairs().stream().collect(Collectors.toMap(p -> p.key, p -> String.valueOf(p.value)));
    }

    @Test
    @Order(1)
    void batch_logsOneAccessLineAndOneBatchLine_withTheRequestIdSentToTheClient() throws Exception {
        List<String> lines = devices(3);
        lines.add(lines.get(0)); // a duplicate: refused
        HttpResponse<String> r = post("ops-1", POLICY, lines);
        assertEquals(200, r.statusCode(), r.body());
        String id = r.headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(id.matches("[0-9a-f]{16}"), id);
        Thread.sleep(200); // the access line is written when the response completes
        List<ILoggingEvent> logged = events(id);
        ILoggingEvent batch = logged.stream().filter(e -> e.getMessage().equals("batch")).findFirst().orElseThrow(() -> new AssertionError(logged.toString()));
        Map<String, String> b = kv(batch);
        assertEquals(STATION, b.get("station"));
        assertEquals(POLICY, b.get("policy"));
        assertEquals("ops-1", b.get("batch_id"));
        assertEquals("3", b.get("issued"), b.toString());
        assertEquals("1", b.get("refused"), b.toString());
        assertTrue(b.containsKey("duration_ms"), b.toString());
        ILoggingEvent access = logged.stream().filter(e -> e.getMessage().equals("request")).findFirst().orElseThrow(() -> new AssertionError(logged.toString()));
        Map<String, String> a = kv(access);
        assertEquals("200", a.get("status"), a.toString());
        assertEquals("POST", a.get("method"));
        assertEquals(STATION, a.get("station"));
    }

    @Test
    @Order(2)
    void errorBody_carriesTheRequestIdOfItsHeader_andTheAccessLineHasIt() throws Exception {
        HttpResponse<String> r = post("ops-2", "no-such-policy", devices(1));
        assertEquals(404, r.statusCode(), r.body());
        String id = r.headers().firstValue("X-Request-Id").orElseThrow();
        assertEquals(id, JSON.readTree(r.body()).path("request_id").asText(), r.body());
        Thread.sleep(200);
        assertTrue(events(id).stream().anyMatch(e -> e.getMessage().equals("request") && "404".equals(kv(e).get("status"))));
    }

    @Test
    @Order(3)
    void logFormatJson_writesOneJsonObjectPerLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        try {
            LogSetup.configure(SignerConfig.LogFormat.JSON, out);
            assertEquals(200, post("ops-3", POLICY, devices(2)).statusCode());
            Thread.sleep(200);
        } finally {
            ctx.reset();
            new ContextInitializer(ctx).autoConfig();
            root().addAppender(captured);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        JsonNode batch = null;
        for (String line : text.split("\n")) {
            JsonNode node = JSON.readTree(line); // every line is one JSON object
            if ("batch".equals(node.path("formattedMessage").asText())) {
                batch = node;
            }
        }
        assertTrue(batch != null, text);
        assertTrue(batch.toString().contains("\"batch_id\":\"ops-3\"") && batch.path("mdc").path("request_id").isTextual(), batch.toString());
    }

    @Test
    @Order(4)
    void metrics_afterBatches_showIssuedRefusedLatenciesQuotaAndLedger() throws Exception {
        HttpResponse<String> r = admin("/metrics");
        assertEquals(200, r.statusCode());
        String m = r.body();
        for (String expected : List.of(
                "trustline_certificates_issued_total{policy=\"ops-policy\",station=\"station-sz-01\"} 5.0",
                "trustline_certificates_refused_total{policy=\"ops-policy\",reason=\"duplicate-device\",station=\"station-sz-01\"} 1.0",
                "trustline_hsm_sign_seconds_count", "trustline_db_commit_seconds_count",
                // 8 ledger entries: 5 issued, 1 refused and the batch entries of ops-1 and ops-3 (the ledger records each batch)
                "trustline_quota_remaining{policy=\"ops-policy\"} 995.0", "trustline_ledger_entries 8.0",
                "trustline_ledger_checkpoint_age_seconds NaN", "trustline_http_requests_in_flight 0.0",
                "trustline_http_requests_shed_total 0.0")) {
            assertTrue(m.contains(expected), expected + " missing in\n" + m);
        }
        assertFalse(m.contains("trustline_hsm_sign_seconds_count 0.0"), m);
    }

    @Test
    @Order(5)
    void healthAndReadiness_onThePlainHttpAdminListener() throws Exception {
        assertEquals(200, admin("/healthz").statusCode());
        HttpResponse<String> ready = admin("/readyz");
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals(404, admin("/v1/batches").statusCode(), "the API is not on the admin listener");
    }

    @Test
    @Order(6)
    void ledgerVerify_json_printsOneObjectWithTheHead() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        int rc = dev.trustline.signer.cli.SignerCli.execute(new String[] {"ledger", "verify", "--config", config.toString(), "--json"},
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertEquals(0, rc, out.toString());
        JsonNode o = JSON.readTree(out.toString());
        assertTrue(o.path("ok").asBoolean(), o.toString());
        assertEquals(8, o.path("entries").asInt(), o.toString()); // 5 issued, 1 refused, 2 batch entries
        assertEquals(64, o.path("head").asText().length(), o.toString());
    }

    @Test
    @Order(7)
    void readyz_tokenDeleted_is503() throws Exception {
        Process p = new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        HttpResponse<String> ready = admin("/readyz");
        assertEquals(503, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("hsm: probe failed") && !ready.body().contains("database"), ready.body());
        assertEquals(200, admin("/healthz").statusCode(), "the process is still alive");
    }
}
