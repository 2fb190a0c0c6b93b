package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.config.SignerConfig;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients and overload over real TLS: stalled uploads hold at most their station's slots and are
 * cut off below the minimum data rate; other stations, /healthz included, are served meanwhile; past
 * the signer's cap a batch is shed with 503 + Retry-After instead of queueing.
 */
class SignerOverloadTest {
    static final String MAIN = "main-policy";
    static final String NDJSON = "application/x-ndjson";

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static ServeCommand.Running signer;
    static long serial = 30_000;

    @BeforeAll
    static void start() throws Exception {
        pki = new SignerFixture(dir);
        pki.policy(MAIN, "  - station-sz-02\n", "  - station-sz-02\n  - station-sz-03\n  - station-sz-04\n");
        Path config = pki.config("signer", 200, MAIN);
        Files.writeString(config, Files.readString(config).replace("  workers: 2\n", "  workers: 2\n  max-concurrent-batches: 3\n"
                + "  max-concurrent-per-station: 1\n  min-request-bytes-per-second: 2000\n"));
        signer = ServeCommand.start(SignerConfig.load(config), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (signer != null) {
            signer.close();
        }
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    static synchronized byte[] batch(int n) throws Exception {
        List<String> lines = FactorySimulator.batch("GW", serial, n, "", "op-1");
        serial += n;
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    static String post(String station, String batchId, byte[] body) throws Exception {
        return RawHttps.exchange(signer.server().port(), pki.station(station), pki.pass(), pki.root,
                "POST /v1/batches?batch_id=" + batchId + "&policy=" + MAIN + " HTTP/1.1", NDJSON, body);
    }

    /** Headers of a 100 kB upload and its first 12 bytes, then nothing. */
    static SSLSocket stall(String station, String batchId) throws Exception {
        SSLSocket s = RawHttps.connect(signer.server().port(), pki.station(station), pki.pass(), pki.root);
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/batches?batch_id=" + batchId + "&policy=" + MAIN + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + NDJSON + "\r\nContent-Length: 100000\r\n\r\n{\"device_id\"").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return s;
    }

    @Test
    void stalledUploads_holdOnlyTheirStationsSlot_othersAreServed_andTheStallIsCutOff() throws Exception {
        List<SSLSocket> stalled = new ArrayList<>();
        try {
            stalled.add(stall("station-sz-01", "stall-0"));
            Thread.sleep(300);
            for (int i = 1; i < 20; i++) {
                SSLSocket s = stall("station-sz-01", "stall-" + i);
                stalled.add(s);
                String answer = RawHttps.readAll(s.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
                assertTrue(answer.toLowerCase().contains("retry-after: 1"), answer);
            }
            long t0 = System.nanoTime();
            String health = RawHttps.exchange(signer.server().port(), pki.station("station-sz-02"), pki.pass(), pki.root,
                    "GET /healthz HTTP/1.1", null, new byte[0]);
            assertTrue(health.startsWith("HTTP/1.1 200"), health);
            String other = post("station-sz-02", "other-1", batch(5));
            assertTrue(other.startsWith("HTTP/1.1 200"), other);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20), "served while sz-01's uploads stall");
            // below 2000 bytes/s the stalled upload is cut off and its slot freed
            stalled.get(0).setSoTimeout(30_000);
            String cut = RawHttps.readAll(stalled.get(0).getInputStream());
            assertTrue(cut.isEmpty() || cut.startsWith("HTTP/1.1 408") || cut.startsWith("HTTP/1.1 400"), cut);
            String again = post("station-sz-01", "after-stall", batch(3));
            assertTrue(again.startsWith("HTTP/1.1 200"), again);
        } finally {
            for (SSLSocket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void moreBatchesThanTheCap_areShedWith503AndRetryAfter_notQueued() throws Exception {
        List<SSLSocket> stalled = new ArrayList<>();
        try {
            for (String station : List.of("station-sz-01", "station-sz-02", "station-sz-03")) {
                stalled.add(stall(station, "cap-" + station));
            }
            Thread.sleep(300);
            long t0 = System.nanoTime();
            byte[] body = batch(2);
            String shed = post("station-sz-04", "cap-4", body);
            assertTrue(shed.startsWith("HTTP/1.1 503"), shed);
            assertTrue(shed.toLowerCase().contains("retry-after:"), shed);
            assertTrue(shed.contains("at capacity"), shed);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "shed at once, not queued");
            for (SSLSocket s : stalled) {
                s.close();
            }
            String accepted = "";
            for (int i = 0; i < 50 && !accepted.startsWith("HTTP/1.1 200"); i++) {
                Thread.sleep(200);
                accepted = post("station-sz-04", "cap-4", body);
            }
            assertTrue(accepted.startsWith("HTTP/1.1 200"), accepted);
            assertEquals(-1, accepted.indexOf("\"status\":\"retry\""), accepted);
        } finally {
            for (SSLSocket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void dripFedUpload_belowTheMinimumDataRate_isCutOff() throws Exception {
        try (SSLSocket s = stall("station-sz-03", "drip-1")) {
            long t0 = System.nanoTime();
            boolean cut = false;
            for (int i = 0; i < 40 && !cut; i++) {
                Thread.sleep(1000);
                try {
                    s.getOutputStream().write(' ');
                    s.getOutputStream().flush();
                } catch (java.io.IOException e) {
                    cut = true;
                }
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            assertTrue(cut, "a drip-fed upload (1 byte/s) was not cut off in 40 s");
            assertTrue(seconds < 40, "cut after " + seconds + " s");
        }
    }
}
