package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.config.ConfigException;
import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.client.StationTls;
import dev.trustline.signer.config.SignerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up and shutdown: hsm.module is required, a failed start closes what it opened, a stop drains requests in flight. */
class SignerLifecycleTest {
    @TempDir
    static Path dir;
    static SignerFixture pki;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new SignerFixture(dir);
        pki.policy("life");
    }

    @AfterAll
    static void tearDown() throws Exception {
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void config_withoutHsmModule_isRefusedNamingTheYamlPath() throws Exception {
        Path config = pki.config("nomodule", 100, "life");
        Files.writeString(config, Files.readString(config).replace("  module: " + SignerFixture.MODULE + "\n", ""));
        ConfigException e = assertThrows(ConfigException.class, () -> SignerConfig.load(config));
        assertTrue(e.getMessage().contains("hsm.module: is required"), e.getMessage());
    }

    @Test
    void serve_apiPortTaken_closesWhatItOpened() throws Exception {
        int admin = freePort();
        java.util.Set<Long> threadsBefore = signerThreads();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path config = pki.config("taken", 100, "life");
            Files.writeString(config, Files.readString(config).replace("listen: {host: 127.0.0.1, port: 0}",
                    "listen: {host: 127.0.0.1, port: " + taken.getLocalPort() + "}").replace("admin: {host: 127.0.0.1, port: 0}",
                    "admin: {host: 127.0.0.1, port: " + admin + "}"));
            TrustLineException e = assertThrows(TrustLineException.class, () -> ServeCommand.start(SignerConfig.load(config), Clock.systemUTC()));
            assertTrue(e.getMessage().contains("cannot start HTTPS on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
        try (ServerSocket again = new ServerSocket(admin, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(admin, again.getLocalPort(), "the admin listener was closed");
        }
        for (int i = 0; i < 50 && !newThreads(threadsBefore).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), newThreads(threadsBefore), "the issuing workers and probes were stopped");
    }

    @Test
    void stop_letsARequestInFlightFinish() throws Exception {
        Path config = pki.config("drain", 100, "life");
        ServeCommand.Running signer = ServeCommand.start(SignerConfig.load(config), Clock.systemUTC());
        List<String> lines = FactorySimulator.batch("GW", 700_000, 5, "", "op-drain");
        byte[] body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        javax.net.ssl.SSLContext tls = StationTls.context(pki.station("station-sz-01"), pki.pass(), List.of(pki.root));
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket("localhost", signer.server().port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/batches?batch_id=drain-1&policy=life HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length
                    + "\r\nContent-Type: application/x-ndjson\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 100);
            out.flush();
            awaitInFlight(signer, 1);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
                try {
                    signer.close();
                } catch (TrustLineException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertTrue(!stopping.isDone(), "the stop waits for the request in flight");
            out.write(body, 100, body.length - 100);
            out.flush();
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
            String json = reply.substring(reply.indexOf("\r\n\r\n") + 4);
            assertEquals(5, new ObjectMapper().readTree(json).path("summary").path("issued").asInt(), json);
            stopping.get(60, TimeUnit.SECONDS);
        }
    }

    private static void awaitInFlight(ServeCommand.Running signer, int n) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (signer.metrics().scrape().contains("trustline_http_requests_in_flight " + n + ".0")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no request in flight:\n" + signer.metrics().scrape());
    }

    /** Ids of the live threads the signer names (trustline-issuer, -admin, -readyz, -crl...). */
    private static java.util.Set<Long> signerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("trustline-")).map(Thread::getId).collect(java.util.stream.Collectors.toSet());
    }

    /** Live signer threads that were not there before: the ones a failed start left behind. */
    private static List<String> newThreads(java.util.Set<Long> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("trustline-") && !before.contains(t.getId())).map(Thread::getName).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
