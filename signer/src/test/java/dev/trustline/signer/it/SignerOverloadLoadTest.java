package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.signer.bench.OverloadLoad;
import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.client.StationTls;
import dev.trustline.signer.config.SignerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overload benchmark's client (bin/bench --overload) in miniature, as a correctness check only (its
 * figures are the benchmark's business, never asserted here): 48 station clients over real mTLS against a
 * signer with a cap of 4 batches at once. Some requests are shed, each with 503 + Retry-After; nothing else
 * goes wrong (no other 5xx, no broken connection, no 4xx); and every certificate an accepted request was
 * answered with is in the registry.
 */
class SignerOverloadLoadTest {
    static final String MAIN = "main-policy";

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static ServeCommand.Running signer;
    static final List<String> STATIONS = List.of("station-sz-01", "station-sz-02", "station-ld-01", "station-ld-02",
            "station-ld-03", "station-ld-04");

    @BeforeAll
    static void start() throws Exception {
        pki = new SignerFixture(dir);
        StringBuilder more = new StringBuilder("  - station-sz-02\n");
        for (String s : STATIONS.subList(2, STATIONS.size())) {
            more.append("  - ").append(s).append('\n');
        }
        pki.policy(MAIN, "  - station-sz-02\n", more.toString(),
                "per-station: {rate-per-second: 50, burst: 100}", "per-station: {rate-per-second: 100000, burst: 100000}",
                "per-policy: {rate-per-second: 200, burst: 400}", "per-policy: {rate-per-second: 100000, burst: 100000}");
        Path config = pki.config("signer", 200, MAIN); // 2,000,000 bytes a request at most: 10 lines + 400 kB of blank lines fit
        Files.writeString(config, Files.readString(config).replace("  workers: 2\n", "  workers: 2\n  max-concurrent-batches: 4\n"
                + "  max-concurrent-per-station: 4\n"));
        signer = ServeCommand.start(SignerConfig.load(config), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (signer != null) {
            signer.close();
        }
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void fortyEightClients_someAreShedWith503AndRetryAfter_nothingElseFails_andNothingAcceptedIsLost() throws Exception {
        List<SSLContext> stations = new ArrayList<>();
        for (String s : STATIONS) {
            stations.add(StationTls.context(pki.station(s), pki.pass(), List.of(pki.root)));
        }
        List<String> lines = FactorySimulator.batch("GW", 900_000, 3000, "", "op-1");
        OverloadLoad.Report r = OverloadLoad.run(new OverloadLoad.Settings(URI.create("https://localhost:" + signer.server().port()),
                stations, MAIN, lines, 48, Duration.ofSeconds(4), 10, true, ProcessHandle.current().pid(), 400_000));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        r.print(new PrintStream(printed, true, StandardCharsets.UTF_8), 10, true);
        String report = printed.toString(StandardCharsets.UTF_8);
        System.out.println(report);

        assertTrue(r.accepted() > 0, report);
        assertTrue(r.shed() > 0, "48 clients, 4 slots: some requests must be shed\n" + report);
        assertFalse(r.shedWithoutRetryAfter(), "every 503 carries Retry-After\n" + report);
        assertEquals(0, r.other(), "no answer but 200 and 503 + Retry-After\n" + report);
        assertEquals(0, r.retryLines(), report);
        assertEquals(r.accepted() * 10L, r.certificates(), "every line of an accepted request was issued\n" + report);
        assertTrue(report.contains("peak RSS (VmHWM)") && r.peakRssKib() > 0, report);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state/signer.db"));
             var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM devices")) {
            rs.next();
            assertEquals(r.certificates(), rs.getLong(1), "the registry holds every certificate answered\n" + report);
        }
        signer.store().verifyLedger().orThrow();
    }
}
