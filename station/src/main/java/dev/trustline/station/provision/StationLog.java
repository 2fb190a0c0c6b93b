package dev.trustline.station.provision;

import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The station's log, {@code JOBS/station.log}: one JSON line per step with the device ID, the step,
 * its result and fingerprints only (never a key, CSR body, PIN or certificate body).
 */
final class StationLog {
    private final Path file;

    StationLog(Path jobs) {
        this.file = jobs.resolve("station.log");
    }

    synchronized void step(String deviceId, String step, String result, String code, String fingerprint) throws TrustLineException {
        var line = JobRecord.JSON.createObjectNode().put("time", Instant.now().toString()).put("device_id", deviceId)
                .put("step", step).put("result", result);
        if (code != null) {
            line.put("code", code);
        }
        if (fingerprint != null) {
            line.put("certificate_fingerprint_sha256", fingerprint);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new TrustLineException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }
}
