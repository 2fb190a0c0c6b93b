package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.config.SignerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two signer instances over one real PostgreSQL database: the same batch id sent to both at once is
 * processed by one (the other answers 503 + Retry-After while the first holds the batch's lease) and
 * signed once; the retry then replays the same certificates. Skipped without bin/postgres-setup.
 */
class MultiInstanceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MAIN = "main-policy";

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static ServeCommand.Running one;
    static ServeCommand.Running two;
    static long serial = 500_000;

    @BeforeAll
    static void start() throws Exception {
        String url = System.getenv("TRUSTLINE_PG_URL");
        assumeTrue(url != null && System.getenv("TRUSTLINE_PG_PASSWORD_FILE") != null, "PostgreSQL not set up (bin/postgres-setup)");
        String password = Files.readString(Path.of(System.getenv("TRUSTLINE_PG_PASSWORD_FILE"))).strip();
        String schema = "multi_" + Long.toHexString(System.nanoTime());
        try (var c = DriverManager.getConnection(url, System.getenv().getOrDefault("TRUSTLINE_PG_USER", "trustline"), password);
             var s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        pki = new SignerFixture(dir);
        pki.policy(MAIN, "per-station: {rate-per-second: 50, burst: 100}", "per-station: {rate-per-second: 100000, burst: 100000}",
                "per-policy: {rate-per-second: 200, burst: 400}", "per-policy: {rate-per-second: 100000, burst: 100000}");
        Path config = pki.config("signer", 2000, MAIN);
        Files.writeString(config, Files.readString(config).replace("  sqlite: state/signer.db\n",
                "  postgres: {url: \"" + url + "?currentSchema=" + schema + "\", user: "
                        + System.getenv().getOrDefault("TRUSTLINE_PG_USER", "trustline") + ", password: \"file:"
                        + System.getenv("TRUSTLINE_PG_PASSWORD_FILE") + "\"}\n"));
        one = ServeCommand.start(SignerConfig.load(config), Clock.systemUTC());
        two = ServeCommand.start(SignerConfig.load(config), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServeCommand.Running r : new ServeCommand.Running[] {one, two}) {
            if (r != null) {
                r.close();
            }
        }
        if (pki != null) {
            new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    record Reply(int status, JsonNode body, String retryAfter) {
    }

    static Reply post(ServeCommand.Running signer, String batchId, byte[] body) throws Exception {
        String raw = RawHttps.exchange(signer.server().port(), pki.station("station-sz-01"), pki.pass(), pki.root,
                "POST /v1/batches?batch_id=" + batchId + "&policy=" + MAIN + " HTTP/1.1", "application/x-ndjson", body);
        int status = Integer.parseInt(raw.substring(9, 12));
        String head = raw.substring(0, raw.indexOf("\r\n\r\n")).toLowerCase();
        String retry = head.contains("retry-after:") ? head.replaceAll("(?s).*retry-after: *(\\d+).*", "$1") : null;
        return new Reply(status, JSON.readTree(raw.substring(raw.indexOf("\r\n\r\n") + 4)), retry);
    }

    @Test
    void sameBatchIdToTwoInstancesAtOnce_isProcessedByOne_theOtherGets503_andTheRetryReplays() throws Exception {
        boolean overlapped = false;
        for (int attempt = 0; attempt < 4 && !overlapped; attempt++) {
            List<String> lines = FactorySimulator.batch("GW", serial, 1500, "", "op-1");
            serial += 1500;
            byte[] body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
            String id = "multi-" + attempt;
            CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> call(one, id, body));
            Thread.sleep(300);
            Reply second = post(two, id, body);
            Reply firstReply = first.get(5, TimeUnit.MINUTES);
            if (second.status() == 503) {
                overlapped = true;
                assertTrue(second.body().path("error").asText().contains("another signer instance"), second.body().toString());
                assertTrue(second.retryAfter() != null, "Retry-After");
                assertEquals(200, firstReply.status(), firstReply.body().toString());
                assertEquals(1500, firstReply.body().path("summary").path("issued").asInt());
                Reply again = post(two, id, body);
                assertEquals(200, again.status());
                assertTrue(again.body().path("replayed").asBoolean());
                for (int i = 0; i < 1500; i += 499) {
                    assertEquals(firstReply.body().path("results").get(i).path("fingerprint_sha256"),
                            again.body().path("results").get(i).path("fingerprint_sha256"));
                }
            } else if (firstReply.status() == 503) {
                overlapped = true;
                assertEquals(200, second.status(), second.body().toString());
            }
        }
        assertTrue(overlapped, "no two requests overlapped in 4 tries");
        try (var c = DriverManager.getConnection(System.getenv("TRUSTLINE_PG_URL"), System.getenv().getOrDefault("TRUSTLINE_PG_USER",
                "trustline"), Files.readString(Path.of(System.getenv("TRUSTLINE_PG_PASSWORD_FILE"))).strip())) {
            // every device once in the ledger of this schema: nothing signed twice was committed, nothing lost
            one.store().verifyLedger().orThrow();
        }
    }

    private static Reply call(ServeCommand.Running signer, String id, byte[] body) {
        try {
            return post(signer, id, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
