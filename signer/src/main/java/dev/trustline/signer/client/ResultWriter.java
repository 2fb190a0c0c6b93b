package dev.trustline.signer.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.files.NewFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes what the factory keeps: one DEVICE_ID.crt per issued device, chain.pem, and manifest.jsonl
 * (one line per device: device_id, status, serial, fingerprint_sha256, certificate file or error),
 * like a provisioning job manifest.
 *
 * <p>A run first records which batch it writes ({@value #RUN_FILE}: batch id base, policy, chunk size).
 * A run of the same batch into the same folder resumes: the certificates the signer replays for the
 * idempotent batch ids are compared with the files already there (kept when equal, replaced
 * atomically when a killed run left a different or partial file), and the manifest is written
 * atomically at the end, so it is the same as an uninterrupted run's. A folder holding another run's
 * results is refused.
 */
public final class ResultWriter {
    static final String RUN_FILE = ".submit-run";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final boolean resuming;
    private final List<String> manifest = new ArrayList<>();
    private boolean chainWritten;

    /** A writer for a new folder only (no resume). */
    public ResultWriter(Path dir) throws TrustLineException {
        this(dir, null);
    }

    /** {@code run} names the batch (see the class comment); null refuses any earlier results. */
    public ResultWriter(Path dir, String run) throws TrustLineException {
        this.dir = dir;
        boolean earlier = Files.exists(dir.resolve("manifest.jsonl")) || Files.exists(dir.resolve("chain.pem"))
                || Files.exists(dir.resolve(RUN_FILE));
        String recorded = earlier ? recordedRun() : null;
        if (earlier && (run == null || !run.equals(recorded))) {
            throw new TrustLineException(dir + " already holds results of another batch (manifest.jsonl or chain.pem); choose a new --out");
        }
        this.resuming = earlier;
        if (!earlier && run != null) {
            NewFiles.writeNew(dir.resolve(RUN_FILE), (run + "\n").getBytes(StandardCharsets.UTF_8), NewFiles.PUBLIC, "file");
        }
    }

    /** True when this run continues an earlier (killed or finished) run of the same batch. */
    public boolean resuming() {
        return resuming;
    }

    private String recordedRun() throws TrustLineException {
        try {
            Path f = dir.resolve(RUN_FILE);
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            throw new TrustLineException("cannot read " + dir.resolve(RUN_FILE) + ": " + e.getMessage(), e);
        }
    }

    public int[] add(JsonNode response, String batchId) throws TrustLineException {
        if (!chainWritten) {
            StringBuilder chain = new StringBuilder();
            response.path("chain").forEach(c -> chain.append(c.asText()));
            write(dir.resolve("chain.pem"), chain.toString().getBytes(StandardCharsets.US_ASCII), true);
            chainWritten = true;
        }
        int[] counts = new int[3];
        for (JsonNode line : response.path("results")) {
            manifest.add(entry(line, batchId, counts).toString());
        }
        return counts;
    }

    private ObjectNode entry(JsonNode line, String batchId, int[] counts) throws TrustLineException {
        String device = line.path("device_id").asText("");
        String status = line.path("status").asText();
        ObjectNode m = JSON.createObjectNode().put("device_id", device).put("status", status).put("batch_id", batchId)
                .put("line", line.path("line").asInt());
        if ("issued".equals(status)) {
            String file = safeName(device) + ".crt";
            write(dir.resolve(file), line.path("certificate").asText().getBytes(StandardCharsets.US_ASCII), false);
            m.put("serial", line.path("serial").asText()).put("fingerprint_sha256", line.path("fingerprint_sha256").asText())
                    .put("certificate_file", file);
            counts[0]++;
        } else {
            m.put("error_code", line.path("error").path("code").asText()).put("error", line.path("error").path("message").asText());
            counts["refused".equals(status) ? 1 : 2]++;
        }
        return m;
    }

    private static final java.util.regex.Pattern UNSAFE = java.util.regex.Pattern.compile("[^A-Za-z0-9._-]");

    static String safeName(String deviceId) {
        String s = UNSAFE.matcher(deviceId).replaceAll("_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    public void finish() throws TrustLineException {
        write(dir.resolve("manifest.jsonl"), (String.join("\n", manifest) + "\n").getBytes(StandardCharsets.UTF_8), true);
    }

    /** A new file; when resuming, an existing equal file is kept and a different one replaced atomically. */
    private void write(Path target, byte[] bytes, boolean durable) throws TrustLineException {
        if (!resuming || !Files.exists(target)) {
            NewFiles.writeNew(target, bytes, NewFiles.PUBLIC, "file", durable);
            return;
        }
        try {
            if (Arrays.equals(Files.readAllBytes(target), bytes)) {
                return;
            }
            Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString(NewFiles.PUBLIC));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TrustLineException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
