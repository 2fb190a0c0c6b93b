package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.cli.SignerCli;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.config.SignerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The factory runbook's promise: re-running the same submit is always safe. A submit process killed
 * with SIGKILL mid-batch is re-run with the same --out and ends with the same manifest and certificate
 * files as an uninterrupted run; retries against a signer that keeps failing are bounded and visible.
 */
class SubmitResumeTest {
    static final String MAIN = "main-policy";

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static ServeCommand.Running signer;

    @BeforeAll
    static void start() throws Exception {
        pki = new SignerFixture(dir);
        pki.policy(MAIN);
        signer = ServeCommand.start(SignerConfig.load(pki.config("signer", 200, MAIN)), Clock.systemUTC());
        Files.writeString(dir.resolve("secrets/station-pass"), "test-pkcs12-password\n");
    }

    @AfterAll
    static void stop() throws Exception {
        if (signer != null) {
            signer.close();
        }
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    static List<String> args(String url, Path batch, Path out, String... extra) throws Exception {
        List<String> a = new ArrayList<>(List.of("submit", "--url", url, "--station-cert", pki.station("station-sz-01").toString(),
                "--password", "file:" + dir.resolve("secrets/station-pass"), "--trust", dir.resolve("certs/root.pem").toString(),
                "--batch", batch.toString(), "--policy", MAIN, "--chunk", "25", "--out", out.toString()));
        a.addAll(List.of(extra));
        return a;
    }

    static int run(List<String> args, StringWriter err) {
        return SignerCli.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    static long certificates(Path out) throws Exception {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.toString().endsWith(".crt")).count();
        }
    }

    @Test
    void submit_killedWithSigkill_resumesIntoTheSameOut_andEndsWithTheManifestOfAnUninterruptedRun() throws Exception {
        Path batch = dir.resolve("resume.jsonl");
        Files.writeString(batch, String.join("\n", FactorySimulator.batch("GW", 70_000, 1200, "", "op-1")) + "\n");
        String url = "https://localhost:" + signer.server().port();
        Path killed = dir.resolve("out-killed");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SignerCli.class.getName()));
        command.addAll(args(url, batch, killed));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (certificates(killed) < 60 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(p.isAlive(), "the submit finished before it could be killed: " + Files.readString(dir.resolve("killed.log")));
        p.destroyForcibly(); // SIGKILL on Linux
        p.waitFor(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(killed.resolve("manifest.jsonl")), "killed mid-batch");
        assertTrue(certificates(killed) < 1200, "killed mid-batch");

        StringWriter err = new StringWriter();
        assertEquals(0, run(args(url, batch, killed), err), err.toString());
        assertTrue(err.toString().contains("resuming"), err.toString());
        Path clean = dir.resolve("out-clean");
        StringWriter err2 = new StringWriter();
        assertEquals(0, run(args(url, batch, clean), err2), err2.toString());

        assertEquals(Files.readString(clean.resolve("manifest.jsonl")), Files.readString(killed.resolve("manifest.jsonl")));
        assertEquals(1200, Files.readAllLines(killed.resolve("manifest.jsonl")).size());
        assertEquals(Files.readString(clean.resolve("chain.pem")), Files.readString(killed.resolve("chain.pem")));
        try (Stream<Path> files = Files.list(clean)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".crt")).toList()) {
                assertEquals(Files.readString(f), Files.readString(killed.resolve(f.getFileName())), f.getFileName().toString());
            }
        }
        assertEquals(1200, certificates(killed));
        StringWriter again = new StringWriter();
        assertEquals(0, run(args(url, batch, killed), again), "a re-run after completion is still safe: " + again);
        assertEquals(Files.readString(clean.resolve("manifest.jsonl")), Files.readString(killed.resolve("manifest.jsonl")));
    }

    @Test
    void submit_intoAFolderOfAnotherBatch_isRefused() throws Exception {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        Files.writeString(a, String.join("\n", FactorySimulator.batch("GW", 80_000, 3, "", "op-1")) + "\n");
        Files.writeString(b, String.join("\n", FactorySimulator.batch("GW", 80_100, 3, "", "op-1")) + "\n");
        String url = "https://localhost:" + signer.server().port();
        Path out = dir.resolve("out-ab");
        StringWriter err = new StringWriter();
        assertEquals(0, run(args(url, a, out), err), err.toString());
        StringWriter other = new StringWriter();
        assertEquals(1, run(args(url, b, out), other));
        assertTrue(other.toString().contains("already holds results of another batch"), other.toString());
    }

    @Test
    void submit_signerKeepsFailing_endsWithOneClearErrorAfterBoundedVisibleRetries() throws Exception {
        Path batch = dir.resolve("unreachable.jsonl");
        Files.writeString(batch, String.join("\n", FactorySimulator.batch("GW", 90_000, 2, "", "op-1")) + "\n");
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StringWriter err = new StringWriter();
        int rc = run(args("https://localhost:" + port, batch, dir.resolve("out-unreachable"), "--attempts", "2"), err);
        assertEquals(1, rc, err.toString());
        List<String> lines = err.toString().lines().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.get(0).contains("try 2 of 2"), err.toString());
        assertTrue(lines.get(lines.size() - 1).startsWith("error: cannot reach the signer"), err.toString());
        assertTrue(lines.get(lines.size() - 1).endsWith("after 2 tries: connection refused"), err.toString());
    }

    /** As a factory engineer runs it (its own JVM): one line naming the failure, nothing from the logging libraries. */
    @Test
    void submit_asAProcess_signerDown_printsOneLineAndNothingElse() throws Exception {
        Path batch = dir.resolve("down.jsonl");
        Files.writeString(batch, String.join("\n", FactorySimulator.batch("GW", 95_000, 2, "", "op-1")) + "\n");
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SignerCli.class.getName()));
        command.addAll(args("https://localhost:" + port, batch, dir.resolve("out-down"), "--attempts", "1"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor());
        assertEquals("error: cannot reach the signer at https://localhost:" + port + " after 1 tries: connection refused\n", said);
    }
}
