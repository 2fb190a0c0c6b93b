package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.config.SignerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch ids across stations, over real HTTPS with two station client certificates: a station's retry of
 * its own id is idempotent; another station sending that id gets a 409 that says nothing about the batch
 * (byte for byte the same answer whether the batch is done, incomplete or being processed that moment,
 * and whatever content the other station sent); and no station reads another's results, by GET or by
 * re-sending the batch.
 */
class BatchIdScopeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MAIN = "main-policy";
    static final String TIGHT = "tight-policy";
    static final String A = "station-sz-01";
    static final String B = "station-sz-02";

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static ServeCommand.Running signer;
    static long serial = 700_000;

    @BeforeAll
    static void start() throws Exception {
        pki = new SignerFixture(dir);
        pki.policy(MAIN, "per-station: {rate-per-second: 50, burst: 100}", "per-station: {rate-per-second: 100000, burst: 100000}",
                "per-policy: {rate-per-second: 200, burst: 400}", "per-policy: {rate-per-second: 100000, burst: 100000}");
        pki.policy(TIGHT, "per-station: {rate-per-second: 50, burst: 100}", "per-station: {rate-per-second: 1, burst: 2}");
        signer = ServeCommand.start(SignerConfig.load(pki.config("signer", 2000, MAIN, TIGHT)), Clock.systemUTC());
        pki.station(A);
        pki.station(B);
    }

    @AfterAll
    static void stop() throws Exception {
        if (signer != null) {
            signer.close();
        }
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    /** A response as the station sees it: status line, headers (lower-case names), body. */
    record Raw(String statusLine, Map<String, String> headers, String body) {
        static Raw of(String text) {
            int end = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).strip().toLowerCase(), head[i].substring(colon + 1).strip());
            }
            return new Raw(head[0], headers, text.substring(end + 4));
        }

        int status() {
            return Integer.parseInt(statusLine.substring(9, 12));
        }

        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }

        /** Everything but what differs per request anyway: the date and the request's own id. */
        Raw withoutRequestId() throws Exception {
            Map<String, String> h = new TreeMap<>(headers);
            String id = h.remove("x-request-id");
            h.remove("date");
            return new Raw(statusLine, h, id == null ? body : body.replace(id, "REQUEST-ID"));
        }
    }

    static synchronized byte[] devices(int n) throws Exception {
        List<String> lines = FactorySimulator.batch("GW", serial, n, "", "op-1");
        serial += n;
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    static Raw post(String station, String policy, String batchId, byte[] body) throws Exception {
        return Raw.of(RawHttps.exchange(signer.server().port(), pki.station(station), pki.pass(), pki.root,
                "POST /v1/batches?batch_id=" + batchId + "&policy=" + policy + " HTTP/1.1", "application/x-ndjson", body));
    }

    static Raw get(String station, String batchId) throws Exception {
        return Raw.of(RawHttps.exchange(signer.server().port(), pki.station(station), pki.pass(), pki.root,
                "GET /v1/batches/" + batchId + " HTTP/1.1", null, new byte[0]));
    }

    @Test
    void ownRetry_isIdempotent_andReturnsTheSameCertificates() throws Exception {
        byte[] body = devices(3);
        Raw first = post(A, MAIN, "own-1", body);
        Raw again = post(A, MAIN, "own-1", body);
        assertEquals(200, first.status(), first.body());
        assertEquals(200, again.status(), again.body());
        assertTrue(again.json().path("replayed").asBoolean());
        for (int i = 0; i < 3; i++) {
            assertEquals(first.json().path("results").get(i).path("fingerprint_sha256"),
                    again.json().path("results").get(i).path("fingerprint_sha256"));
        }
        assertEquals(first.json().path("results"), get(A, "own-1").json().path("results"));
    }

    @Test
    void anotherStationsId_is409_andTheAnswerIsTheSameWhetherTheBatchIsDoneIncompleteOrInProgress() throws Exception {
        // done: every line committed
        byte[] doneBody = devices(3);
        assertEquals(200, post(A, MAIN, "scope-done", doneBody).status());
        // incomplete: two lines issued, the third over A's rate (burst 2) and not stored: a retry would resume it
        byte[] partBody = devices(3);
        Raw part = post(A, TIGHT, "scope-part", partBody);
        assertEquals(200, part.status(), part.body());
        assertEquals(1, part.json().path("summary").path("retry").asInt(), part.body());
        assertEquals(3, signer.store().batchInfo("scope-part").orElseThrow().lineCount());
        assertEquals(2, signer.store().results("scope-part").size());

        Raw done = post(B, MAIN, "scope-done", doneBody).withoutRequestId();
        Raw doneOtherContent = post(B, MAIN, "scope-done", devices(5)).withoutRequestId();
        Raw partial = post(B, MAIN, "scope-part", partBody).withoutRequestId();
        Raw partialOtherPolicy = post(B, TIGHT, "scope-part", devices(1)).withoutRequestId();
        Raw busy = whileInProgress();

        assertEquals(409, done.status(), done.body());
        for (Raw r : List.of(doneOtherContent, partial, partialOtherPolicy, busy)) {
            assertEquals(done, r, "the same status line, headers and body in every case");
        }
        String text = done.headers() + done.body();
        for (String secret : List.of(A, "scope-done", "created", "lines", "certificate", "2026-", "\"results\"")) {
            assertFalse(text.contains(secret), "the 409 mentions '" + secret + "': " + text);
        }
        assertTrue(done.json().path("error").asText().contains("choose a new batch id"), done.body());

        // nothing of A's batches changed, and A's own retry still resumes and replays
        Raw resumed = post(A, TIGHT, "scope-part", partBody);
        assertTrue(resumed.status() == 200 || resumed.status() == 429, resumed.body());
        for (int i = 0; i < 2; i++) {
            assertEquals(part.json().path("results").get(i).path("fingerprint_sha256"),
                    resumed.json().path("results").get(i).path("fingerprint_sha256"));
        }
        assertEquals(200, post(A, MAIN, "scope-done", doneBody).status());
        signer.store().verifyLedger().orThrow();
    }

    /** B's answer for an id that A's request is processing at that very moment (A's answer still to come). */
    private static Raw whileInProgress() throws Exception {
        for (int attempt = 0; attempt < 4; attempt++) {
            String id = "scope-busy-" + attempt;
            byte[] body = devices(1200);
            CompletableFuture<Raw> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(A, MAIN, id, body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < 600 && signer.store().batchInfo(id).isEmpty() && !first.isDone(); i++) {
                Thread.sleep(10);
            }
            Raw other = post(B, MAIN, id, body).withoutRequestId();
            boolean overlapped = !first.isDone();
            Raw own = first.get(5, TimeUnit.MINUTES);
            assertEquals(200, own.status(), own.body());
            assertEquals(1200, own.json().path("summary").path("issued").asInt(), "B's attempt took nothing from A's batch");
            if (overlapped) {
                return other;
            }
        }
        throw new AssertionError("A's batch was never still in progress when B's answer came, in 4 tries");
    }

    @Test
    void anotherStation_cannotReadTheResults_andCannotTellTheBatchExists() throws Exception {
        assertEquals(200, post(A, MAIN, "read-1", devices(2)).status());
        Raw own = get(A, "read-1");
        assertEquals(200, own.status(), own.body());
        assertEquals(2, own.json().path("results").size());

        Raw foreign = get(B, "read-1").withoutRequestId();
        Raw missing = get(B, "no-such-batch").withoutRequestId();
        assertEquals(404, foreign.status(), foreign.body());
        assertEquals(missing, foreign, "a foreign batch reads exactly like one that does not exist");
        assertFalse(foreign.body().contains(A) || foreign.body().contains("read-1"), foreign.body());
    }
}
