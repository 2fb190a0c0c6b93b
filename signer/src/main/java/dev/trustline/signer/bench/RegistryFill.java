package dev.trustline.signer.bench;

import dev.trustline.core.x509.Digests;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.store.IssuedDevice;
import dev.trustline.signer.store.QuotaLimits;
import dev.trustline.signer.store.Store;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Pre-fills a signer's SQLite registry for the benchmark (bin/bench --registry N): N made-up devices
 * (device IDs of the example pattern, random 600-byte "certificates") committed through the store's own group
 * commit in chunks of 5,000, so the registry rows, batch results and hash-chained ledger entries are exactly
 * what the signer writes, only without signing. Under its own policy id ("bench-fill") and quota, so the
 * benchmark policy's quota is untouched. Not part of the signer.
 *
 * <pre>java -cp ... dev.trustline.signer.bench.RegistryFill SIGNER.db N [FIRST_SERIAL]</pre>
 */
public final class RegistryFill {
    private static final int CHUNK = 5_000;

    private RegistryFill() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: RegistryFill SIGNER.db N [FIRST_SERIAL]");
            System.exit(2);
        }
        long devices = Long.parseLong(args[1]);
        long first = args.length > 2 ? Long.parseLong(args[2]) : 500_000_000L;
        SecureRandom random = new SecureRandom();
        String issuer = Digests.sha256Hex(new byte[] {1});
        QuotaLimits limits = QuotaLimits.unlimited("bench-fill");
        long start = System.nanoTime();
        try (Store store = Store.openSqlite(Path.of(args[0]))) {
            for (long done = 0, batch = 0; done < devices; batch++) {
                int lines = (int) Math.min(CHUNK, devices - done);
                String batchId = "fill-" + first + "-" + batch;
                store.registerBatch(batchId, "station-fill", "bench-fill", Digests.sha256Hex(batchId.getBytes()), lines);
                List<IssuedDevice> issued = new ArrayList<>(lines);
                for (int line = 1; line <= lines; line++) {
                    byte[] der = new byte[600];
                    random.nextBytes(der);
                    byte[] serial = new byte[16];
                    random.nextBytes(serial);
                    issued.add(new IssuedDevice(FactorySimulator.deviceId("GW", first + done + line - 1, 9),
                            HexFormat.of().formatHex(serial), Digests.sha256Hex(der), issuer, "bench-fill", 1, "GW-100", "C",
                            "station-fill", "fill", line, der, false, false));
                }
                store.commitChunk(batchId, issued, List.of(), limits, Instant.now());
                done += lines;
            }
        }
        System.out.printf(Locale.ROOT, "%d devices committed to %s in %.1f s%n", devices, args[0], (System.nanoTime() - start) / 1e9);
    }
}
