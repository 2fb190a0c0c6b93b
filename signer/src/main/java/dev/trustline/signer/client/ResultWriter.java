package dev.trustline.signer.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.files.NewFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what the factory keeps: one DEVICE_ID.crt per issued device, chain.pem, and manifest.jsonl
 * (one line per device: device_id, status, serial, fingerprint_sha256, certificate file or error),
 * like a provisioning job manifest. Every file is created new.
 */
public final class ResultWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final List<String> manifest = new ArrayList<>();
    private boolean chainWritten;

    public ResultWriter(Path dir) throws TrustLineException {
        this.dir = dir;
        if (Files.exists(dir.resolve("manifest.jsonl")) || Files.exists(dir.resolve("chain.pem"))) {
            throw new TrustLineException(dir + " already holds results (manifest.jsonl or chain.pem); choose a new --out");
        }
    }

    public int[] add(JsonNode response, String batchId) throws TrustLineException {
        if (!chainWritten) {
            StringBuilder chain = new StringBuilder();
            response.path("chain").forEach(c -> chain.append(c.asText()));
            NewFiles.writeNew(dir.resolve("chain.pem"), chain.toString().getBytes(StandardCharsets.US_ASCII), NewFiles.PUBLIC, "file");
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
            NewFiles.writeNew(dir.resolve(file), line.path("certificate").asText().getBytes(StandardCharsets.US_ASCII), NewFiles.PUBLIC, "certificate", false);
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
        NewFiles.writeNew(dir.resolve("manifest.jsonl"), (String.join("\n", manifest) + "\n").getBytes(StandardCharsets.UTF_8), NewFiles.PUBLIC, "file");
    }
}
