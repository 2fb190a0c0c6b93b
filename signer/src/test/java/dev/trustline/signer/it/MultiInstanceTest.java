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
 * Two signer instances over one real PostgreSQL database (separate stores and connection pools, the same
 * SoftHSM2 key): the same batch id sent to both at once is processed by one (the other answers 503 +
 * Retry-After while the first holds the batch's lease) and signed once; the retry then replays the same
 * certificates. Hammered through both, a policy's rate limits hold for the two together. Skipped without
 * bin/postgres-setup.
 */
class MultiInstanceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MAIN = "main-policy";
    static final String RATE = "rate-policy";
    static final int STATION_RATE = 20;
    static final int STATION_BURST = 10;
    static final int POLICY_RATE = 30;
    static final int POLICY_BURST = 20;

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static ServeCommand.Running one;
    static ServeCommand.Running two;
    static long serial = 500_000;
    static String schemaUrl;

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
        pki.policy(RATE, "per-station: {rate-per-second: 50, burst: 100}",
                "per-station: {rate-per-second: " + STATION_RATE + ", burst: " + STATION_BURST + "}",
                "per-policy: {rate-per-second: 200, burst: 400}",
                "per-policy: {rate-per-second: " + POLICY_RATE + ", burst: " + POLICY_BURST + "}");
        Path config = pki.config("signer", 2000, MAIN, RATE);
        schemaUrl = url + "?currentSchema=" + schema;
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
        return post(signer, "station-sz-01", MAIN, batchId, body);
    }

    static Reply post(ServeCommand.Running signer, String station, String policy, String batchId, byte[] body) throws Exception {
        String raw = RawHttps.exchange(signer.server().port(), pki.station(station), pki.pass(), pki.root,
                "POST /v1/batches?batch_id=" + batchId + "&policy=" + policy + " HTTP/1.1", "application/x-ndjson", body);
        int status = Integer.parseInt(raw.substring(9, 12));
        String head = raw.substring(0, raw.indexOf("\r\n\r\n")).toLowerCase();
        String retry = head.contains("retry-after:") ? head.replaceAll("(?s).*retry-after: *(\\d+).*", "$1") : null;
        return new Reply(status, JSON.readTree(raw.substring(raw.indexOf("\r\n\r\n") + 4)), retry);
    }

    @Test
    void sameBatchIdToTwoInstancesAtOnce_isProcessedByOne_theOtherGets503_andTheRetryReplays() throws Exception {
        boolean overlapped = false;
        for (int attempt = 0; attempt < 4 && !overlapped; attempt++) {
            List<String> lines = FactorySimulator.batch("GW", serials(1500), 1500, "", "op-1");
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

    /** What one hammering client saw. */
    record Tally(String station, int issued, int rateLimitedLines, int status429, int otherStatus, long maxRequestNanos) {
    }

    static synchronized long serials(int n) {
        long first = serial;
        serial += n;
        return first;
    }

    @Test
    void hammeredThroughBothInstances_aPolicysRateLimitsHoldForTheTwoTogether() throws Exception {
        int seconds = 4;
        List<String> stations = List.of("station-sz-01", "station-sz-02");
        for (String station : stations) {
            pki.station(station); // the client certificates, before the clients start at once
        }
        List<CompletableFuture<Tally>> clients = new java.util.ArrayList<>();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        int k = 0;
        for (String station : stations) {
            for (ServeCommand.Running signer : List.of(one, two)) {
                int client = k++;
                clients.add(CompletableFuture.supplyAsync(() -> hammer(signer, station, "rate-" + client, end)));
            }
        }
        List<Tally> tallies = new java.util.ArrayList<>();
        for (CompletableFuture<Tally> c : clients) {
            tallies.add(c.get(2, TimeUnit.MINUTES));
        }
        double window = (System.nanoTime() - start) / 1e9;
        long maxRequest = tallies.stream().mapToLong(Tally::maxRequestNanos).max().orElseThrow();

        java.util.Map<String, List<Long>> issuedAt = new java.util.HashMap<>();
        try (var c = DriverManager.getConnection(schemaUrl, System.getenv().getOrDefault("TRUSTLINE_PG_USER", "trustline"),
                Files.readString(Path.of(System.getenv("TRUSTLINE_PG_PASSWORD_FILE"))).strip());
             var s = c.prepareStatement("SELECT station, issued_at FROM devices WHERE policy_id = ? ORDER BY issued_at")) {
            s.setString(1, RATE);
            try (var r = s.executeQuery()) {
                while (r.next()) {
                    issuedAt.computeIfAbsent(r.getString(1), x -> new java.util.ArrayList<>())
                            .add(java.time.Instant.parse(r.getString(2)).toEpochMilli());
                }
            }
        }
        List<Long> all = issuedAt.values().stream().flatMap(List::stream).sorted().toList();
        String seen = tallies + " over " + window + " s; registry " + all.size();
        System.out.println("two instances, one policy (" + POLICY_RATE + "/s, burst " + POLICY_BURST + "): " + seen);
        assertEquals(tallies.stream().mapToInt(Tally::issued).sum(), all.size(), "every certificate answered is in the registry: " + seen);
        assertTrue(tallies.stream().allMatch(t -> t.otherStatus() == 0), "only 200 and 429: " + seen);
        assertTrue(tallies.stream().mapToInt(t -> t.rateLimitedLines() + t.status429()).sum() > 0,
                "the clients asked for more than the limits allow (else nothing was tested): " + seen);
        // the whole window: every token was taken between the first request and the last answer
        assertTrue(all.size() <= POLICY_RATE * window + POLICY_BURST,
                "policy: " + all.size() + " > " + POLICY_RATE + "/s x " + window + " s + " + POLICY_BURST + ": " + seen);
        for (String station : stations) {
            int n = issuedAt.getOrDefault(station, List.of()).size();
            assertTrue(n <= STATION_RATE * window + STATION_BURST,
                    station + ": " + n + " > " + STATION_RATE + "/s x " + window + " s + " + STATION_BURST + ": " + seen);
        }
        // every sub-window of the registry's issue times: a certificate committed at t took its token in
        // [t - longest request, t], so between t_i and t_j at most rate x (t_j - t_i + longest request) + burst
        double slackMs = maxRequest / 1e6 + 2;
        assertWithinRate(all, POLICY_RATE, POLICY_BURST, slackMs, "policy");
        for (String station : stations) {
            assertWithinRate(issuedAt.getOrDefault(station, List.of()), STATION_RATE, STATION_BURST, slackMs, station);
        }
        one.store().verifyLedger().orThrow();
    }

    private static void assertWithinRate(List<Long> sortedMillis, int rate, int burst, double slackMs, String what) {
        for (int i = 0; i < sortedMillis.size(); i++) {
            for (int j = i; j < sortedMillis.size(); j++) {
                double allowed = rate * (sortedMillis.get(j) - sortedMillis.get(i) + slackMs) / 1000.0 + burst;
                assertTrue(j - i + 1 <= allowed, what + ": " + (j - i + 1) + " certificates issued within "
                        + (sortedMillis.get(j) - sortedMillis.get(i)) + " ms; at most " + allowed + " allowed");
            }
        }
    }

    /** Batches of 5 new devices as fast as answers come, until {@code end}. */
    private static Tally hammer(ServeCommand.Running signer, String station, String prefix, long end) {
        int issued = 0;
        int limited = 0;
        int status429 = 0;
        int other = 0;
        long longest = 0;
        try {
            for (int n = 0; System.nanoTime() < end; n++) {
                List<String> lines = FactorySimulator.batch("GW", serials(5), 5, "", "op-1");
                byte[] body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                Reply r = post(signer, station, RATE, prefix + "-" + n, body);
                longest = Math.max(longest, System.nanoTime() - t0);
                if (r.status() == 200 || r.status() == 429) {
                    status429 += r.status() == 429 ? 1 : 0;
                    issued += r.body().path("summary").path("issued").asInt();
                    for (JsonNode line : r.body().path("results")) {
                        limited += "rate-limited".equals(line.path("error").path("code").asText()) ? 1 : 0;
                    }
                } else {
                    other++;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Tally(station, issued, limited, status429, other, longest);
    }
}
