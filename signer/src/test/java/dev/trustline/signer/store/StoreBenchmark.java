package dev.trustline.signer.store;

import dev.trustline.core.chain.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: commits N made-up devices to a real SQLite file in chunks (default 100) and
 * prints devices per second of commit time (certificate generation excluded). Run from the
 * repository root:
 *
 * <pre>
 * mvn -B -q -pl signer -am package -DskipTests
 * java -cp "signer/target/test-classes:signer/target/classes:signer/target/lib/*" \
 *     dev.trustline.signer.store.StoreBenchmark [devices=100000] [chunk=100] [file]
 * </pre>
 *
 * Without {@code file} it uses a new file in a temporary directory and deletes it afterwards.
 */
public final class StoreBenchmark {

    private static final int BATCH_LINES = 1000;

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int chunk = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path dir = args.length > 2 ? null : Files.createTempDirectory("trustline-bench");
        Path file = args.length > 2 ? Path.of(args[2]) : dir.resolve("registry.db");
        SecureRandom random = new SecureRandom();
        String issuer = CanonicalJson.sha256Hex(new byte[] {1});
        QuotaLimits limits = QuotaLimits.unlimited("bench");
        long commitNanos = 0;
        int committed = 0;
        try (Store store = Store.openSqlite(file)) {
            for (int batch = 0; committed < devices; batch++) {
                String batchId = "bench-" + batch;
                int lines = Math.min(BATCH_LINES, devices - committed);
                store.registerBatch(batchId, "S1", "bench",
                        CanonicalJson.sha256Hex(batchId.getBytes()), lines);
                for (int from = 1; from <= lines; from += chunk) {
                    List<IssuedDevice> issued = new ArrayList<>();
                    for (int line = from; line < from + chunk && line <= lines; line++) {
                        byte[] der = new byte[600];
                        random.nextBytes(der);
                        byte[] serial = new byte[16];
                        random.nextBytes(serial);
                        issued.add(new IssuedDevice("GW-" + batch + "-" + line,
                                HexFormat.of().formatHex(serial), CanonicalJson.sha256Hex(der),
                                issuer, "bench", 1, "GW-200", "B", "S1", "op", line, der, false,
                                false));
                    }
                    long start = System.nanoTime();
                    store.commitChunk(batchId, issued, List.of(), limits, Instant.now());
                    commitNanos += System.nanoTime() - start;
                    committed += issued.size();
                }
            }
            long verifyStart = System.nanoTime();
            LedgerVerification v = store.verifyLedger();
            long verifyNanos = System.nanoTime() - verifyStart;
            System.out.printf(Locale.ROOT, "%d devices in chunks of %d: %.0f devices/s"
                    + " (%.2f ms per chunk commit), file %d MiB%n", committed, chunk,
                    committed / (commitNanos / 1e9), commitNanos / 1e6 / Math.ceil(
                            (double) committed / chunk), Files.size(file) >> 20);
            System.out.printf(Locale.ROOT, "verifyLedger: %s, %d entries in %.1f s%n",
                    v.ok() ? "ok" : v.problem(), v.entries(), verifyNanos / 1e9);
        } finally {
            if (dir != null) {
                for (String suffix : List.of("", "-wal", "-shm")) {
                    Files.deleteIfExists(dir.resolve("registry.db" + suffix));
                }
                Files.deleteIfExists(dir);
            }
        }
    }
}
