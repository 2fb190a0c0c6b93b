package dev.trustline.signer.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.signer.cli.SignerCli;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.store.LedgerVerification;
import dev.trustline.signer.store.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The crash harness behind {@code bin/chaos}: a real signer process (SoftHSM2 + SQLite) is killed with
 * SIGKILL at a random moment of each round's batch, restarted, and the same submit is re-run until it
 * completes. Then it counts, from the clients' manifests, the registry and the exported ledger:
 * devices, certificates, registry rows, ledger entries, duplicates, certificates without a ledger
 * entry, and the ledger verification.
 */
public final class Chaos {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final SignerFixture pki;
    private final Path config;
    private final int port;
    private final SecureRandom random = new SecureRandom();
    private Process signer;

    /** The counts a run ends with. */
    public record Result(long devices, long certificates, long registryRows, long ledgerEntries, long duplicates,
                         long withoutLedgerEntry, int kills, LedgerVerification verification) {
        boolean clean() {
            return certificates == devices && registryRows == devices && duplicates == 0 && withoutLedgerEntry == 0
                    && verification.ok();
        }

        @Override
        public String toString() {
            return "devices " + devices + "\ncertificates " + certificates + "\nregistry rows " + registryRows
                    + "\nledger entries " + ledgerEntries + "\nduplicates " + duplicates + "\ncertificates without a ledger entry "
                    + withoutLedgerEntry + "\nsigner kills (SIGKILL) " + kills + "\nledger verify " + (verification.ok()
                    ? "OK (" + verification.entries() + " entries, head " + verification.head() + ")" : "FAILED: " + verification.problem());
        }
    }

    Chaos(Path dir) throws Exception {
        this.dir = dir;
        this.pki = new SignerFixture(dir);
        pki.policy("chaos-policy", "per-station: {rate-per-second: 50, burst: 100}", "per-station: {rate-per-second: 100000, burst: 100000}",
                "per-policy: {rate-per-second: 200, burst: 400}", "per-policy: {rate-per-second: 100000, burst: 100000}",
                "per-day: 10000", "per-day: 10000000", "total: 100000", "total: 10000000");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        config = pki.config("signer", 1000, "chaos-policy");
        Files.writeString(config, Files.readString(config).replace("port: 0", "port: " + port));
        Files.writeString(dir.resolve("secrets/station-pass"), "test-pkcs12-password\n");
    }

    String token() {
        return pki.token.serial();
    }

    Result run(int rounds, int devices, PrintWriter log) throws Exception {
        int kills = 0;
        List<Path> outs = new ArrayList<>();
        startSigner();
        try {
            for (int r = 1; r <= rounds; r++) {
                Path batch = dir.resolve("round-" + r + ".jsonl");
                Files.writeString(batch, String.join("\n", FactorySimulator.batch("GW", 1_000_000L * r, devices, "", "op-" + r)) + "\n");
                Path out = dir.resolve("round-" + r);
                outs.add(out);
                CompletableFuture<Integer> submit = CompletableFuture.supplyAsync(() -> submit(batch, out));
                // a random moment of the batch: when the client holds a random number of certificates so far
                long at = random.nextInt(Math.max(1, devices - 1));
                long t0 = System.nanoTime();
                while (!submit.isDone() && certificates(out) < at) {
                    Thread.sleep(5);
                }
                long delay = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                if (!submit.isDone()) {
                    killSigner();
                    kills++;
                    startSigner();
                }
                int rc = submit.get(30, TimeUnit.MINUTES);
                for (int attempt = 1; rc != 0 && attempt <= 5; attempt++) {
                    rc = submit(batch, out); // the same submit, re-run: it resumes
                }
                log.println("round " + r + ": signer killed after " + delay + " ms, with " + at + " certificates at the client;"
                        + " submit exit " + rc);
                log.flush();
            }
        } finally {
            stopSigner();
        }
        return count((long) rounds * devices, outs, kills);
    }

    private static long certificates(Path out) throws java.io.IOException {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (var files = Files.list(out)) {
            return files.filter(f -> f.toString().endsWith(".crt")).count();
        }
    }

    private int submit(Path batch, Path out) {
        StringWriter err = new StringWriter();
        return SignerCli.execute(new String[] {"submit", "--url", "https://localhost:" + port, "--station-cert",
            station(), "--password", "file:" + dir.resolve("secrets/station-pass"), "--trust", dir.resolve("certs/root.pem").toString(),
            "--batch", batch.toString(), "--policy", "chaos-policy", "--chunk", "250", "--out", out.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    private String station() {
        try {
            return pki.station("station-sz-01").toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void startSigner() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SignerCli.class.getName(), "serve", "--config", config.toString());
        signer = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(signer.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith("signer listening")) {
                Thread drain = new Thread(() -> drain(out), "chaos-signer-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new IllegalStateException("the signer did not start:\n" + seen);
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard
            }
        } catch (java.io.IOException e) {
            // the process is gone
        }
    }

    private void killSigner() throws Exception {
        signer.destroyForcibly(); // SIGKILL
        signer.waitFor(30, TimeUnit.SECONDS);
    }

    private void stopSigner() throws Exception {
        if (signer != null && signer.isAlive()) {
            signer.destroy();
            if (!signer.waitFor(30, TimeUnit.SECONDS)) {
                killSigner();
            }
        }
    }

    private Result count(long devices, List<Path> outs, int kills) throws Exception {
        Set<String> handedOut = new HashSet<>();
        for (Path out : outs) {
            for (String line : Files.readAllLines(out.resolve("manifest.jsonl"))) {
                JsonNode m = JSON.readTree(line);
                if ("issued".equals(m.path("status").asText())) {
                    handedOut.add(m.path("fingerprint_sha256").asText());
                }
            }
        }
        Path ledger = dir.resolve("ledger-" + System.nanoTime() + ".jsonl");
        long rows;
        LedgerVerification v;
        try (Store store = Store.openSqlite(dir.resolve("state/signer.db"))) {
            v = store.verifyLedger();
            store.exportLedger(ledger);
            rows = registryRows(dir.resolve("state/signer.db"));
        }
        Map<String, Integer> issuedPerDevice = new HashMap<>();
        Set<String> ledgerFingerprints = new HashSet<>();
        long entries = 0;
        for (String line : Files.readAllLines(ledger)) {
            JsonNode e = JSON.readTree(line);
            entries++;
            if ("issued".equals(e.path("type").asText())) {
                issuedPerDevice.merge(e.path("payload").path("deviceId").asText(), 1, Integer::sum);
                ledgerFingerprints.add(e.path("payload").path("fingerprint").asText());
            }
        }
        long duplicates = issuedPerDevice.values().stream().filter(n -> n > 1).count();
        long without = handedOut.stream().filter(f -> !ledgerFingerprints.contains(f)).count();
        return new Result(devices, handedOut.size(), rows, entries, duplicates, without, kills, v);
    }

    private static long registryRows(Path db) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement();
             var r = s.executeQuery("SELECT COUNT(*) FROM devices")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** bin/chaos [--rounds N] [--devices N]: prints the counts; exit 0 when nothing was lost or issued twice. */
    public static void main(String[] args) throws Exception {
        int rounds = 20;
        int devices = 10_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--devices" -> devices = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("bin/chaos: unknown option " + args[i] + " (use --rounds N --devices N)");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("trustline-chaos-");
        PrintWriter log = new PrintWriter(System.out, true);
        Chaos chaos = new Chaos(dir);
        log.println("chaos: " + rounds + " rounds of " + devices + " devices; the signer is SIGKILLed at a random moment of each round"
                + " (files in " + dir + ")");
        Result r;
        try {
            r = chaos.run(rounds, devices, log);
        } finally {
            new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", chaos.pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
        }
        log.println(r);
        log.println(r.clean() ? "chaos OK: nothing lost, nothing issued twice, every certificate in the ledger"
                : "chaos FAILED");
        System.exit(r.clean() ? 0 : 1);
    }
}
