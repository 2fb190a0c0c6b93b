package dev.trustline.signer.store;

import dev.trustline.core.chain.CanonicalJson;
import dev.trustline.signer.ledger.SoftwareCheckpointSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: commits N made-up devices (600-byte certificates) to each of two real SQLite files
 * in chunks (default 100), one store with signed ledger checkpoints every K entries (default
 * 1000, ten times as often as the signer's default) and one without, alternating batches of
 * 1000 between them so both see the same machine. Prints devices per second of commit time and
 * process CPU-ms per certificate (from /proc/self/stat) for each, then the time of a full
 * {@code verifyLedger} (with checkpoint signatures) of the checkpointed store. Checkpoints are
 * signed with a software P-256 key here; on SoftHSM2 one signature costs about 1 ms more.
 * Run from the repository root:
 *
 * <pre>
 * mvn -B -q -pl signer -am package -DskipTests
 * java -cp "signer/target/test-classes:signer/target/classes:signer/target/lib/*" \
 *     dev.trustline.signer.store.StoreBenchmark [devices=100000] [chunk=100] [every=1000]
 * </pre>
 */
public final class StoreBenchmark {

    private static final int BATCH_LINES = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ISSUER = CanonicalJson.sha256Hex(new byte[] {1});
    private static final QuotaLimits LIMITS = QuotaLimits.unlimited("bench");

    private StoreBenchmark() {
    }

    /** Commit time and CPU time spent on one store. */
    private static final class Tally {
        long nanos;
        long cpuTicks;
        int devices;
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int chunk = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path dir = Files.createTempDirectory("trustline-bench");
        SoftwareCheckpointSigner signer = SoftwareCheckpointSigner.create();
        Tally with = new Tally();
        Tally without = new Tally();
        try (Store plain = Store.openSqlite(dir.resolve("plain.db"));
                Store signed = Store.openSqlite(dir.resolve("signed.db"))) {
            CheckpointedStore checkpointed = new CheckpointedStore(signed, signer, every,
                    Duration.ofDays(1), Clock.systemUTC());
            for (int batch = 0; without.devices < devices; batch++) {
                int lines = Math.min(BATCH_LINES, devices - without.devices);
                boolean first = batch % 2 == 0;
                run(first ? plain : checkpointed, "a-" + batch, lines, chunk, first ? without : with);
                run(first ? checkpointed : plain, "b-" + batch, lines, chunk, first ? with : without);
            }
            checkpointed.close();
            print("without checkpoints", without, chunk, dir.resolve("plain.db"));
            print("checkpoint every " + every, with, chunk, dir.resolve("signed.db"));
            long cpu = cpuTicks();
            long start = System.nanoTime();
            LedgerVerification v = signed.verifyLedger(signer.trust());
            System.out.printf(Locale.ROOT, "verifyLedger (replay, every row compared, checkpoint"
                    + " signatures): %s, %d entries, %d devices in %.1f s (%.1f s of CPU)%n",
                    v.ok() ? "ok" : v.problem(), v.entries(), with.devices,
                    (System.nanoTime() - start) / 1e9, (cpuTicks() - cpu) / 100.0);
        } finally {
            for (String name : List.of("plain.db", "signed.db")) {
                for (String suffix : List.of("", "-wal", "-shm")) {
                    Files.deleteIfExists(dir.resolve(name + suffix));
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void run(IssuanceStore store, String batchId, int lines, int chunk, Tally t)
            throws Exception {
        store.registerBatch(batchId, "S1", "bench", CanonicalJson.sha256Hex(batchId.getBytes()),
                lines, Instant.now());
        for (int from = 1; from <= lines; from += chunk) {
            List<IssuedDevice> issued = new ArrayList<>();
            for (int line = from; line < from + chunk && line <= lines; line++) {
                byte[] der = new byte[600];
                RANDOM.nextBytes(der);
                byte[] serial = new byte[16];
                RANDOM.nextBytes(serial);
                issued.add(new IssuedDevice("GW-" + batchId + "-" + line,
                        HexFormat.of().formatHex(serial), CanonicalJson.sha256Hex(der), ISSUER,
                        "bench", 1, "GW-200", "B", "S1", "op", line, der, false, false));
            }
            long cpu = cpuTicks();
            long start = System.nanoTime();
            store.commitChunk(batchId, issued, List.of(), LIMITS, Instant.now());
            t.nanos += System.nanoTime() - start;
            t.cpuTicks += cpuTicks() - cpu;
            t.devices += issued.size();
        }
    }

    private static void print(String what, Tally t, int chunk, Path file) throws IOException {
        System.out.printf(Locale.ROOT, "%s: %d devices in chunks of %d: %.0f devices/s of commit"
                + " time, %.3f CPU-ms per certificate, file %d MiB%n", what, t.devices, chunk,
                t.devices / (t.nanos / 1e9), t.cpuTicks * 10.0 / t.devices, Files.size(file) >> 20);
    }

    /** utime + stime of this process in clock ticks (10 ms each on Linux). */
    private static long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
