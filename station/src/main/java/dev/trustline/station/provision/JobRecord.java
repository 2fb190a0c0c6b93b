package dev.trustline.station.provision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.station.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-device job record, {@code JOBS/DEVICE_ID.json}, rewritten whole after every step. It says
 * where the device stands ({@code in-progress}, {@code failed} at a named step with its evidence, or
 * {@code provisioned}) and holds what a re-run needs to finish safely: the device's public key hash,
 * the CSR and certificate (public), the batch id. Never a private key.
 */
@JsonPropertyOrder({"device_id", "state", "failure", "station", "operator", "policy", "signer", "device", "runs",
    "started_at", "updated_at", "provisioned_at", "steps"})
public final class JobRecord {
    /** The record's JSON mapper (snake_case). */
    public static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public static final String IN_PROGRESS = "in-progress";
    public static final String FAILED = "failed";
    public static final String PROVISIONED = "provisioned";

    /** One step's outcome. */
    public static final class StepRecord {
        public String status;
        public String at;
        public JsonNode evidence;
    }

    /** Why the last run stopped: the step, a code, a message, and the evidence seen. */
    public static final class Failure {
        public String step;
        public String code;
        public String message;
        public JsonNode evidence;
    }

    public String deviceId;
    public String state;
    public Failure failure;
    public String station;
    public String operator;
    public String policy;
    public String signer;
    public String device;
    public int runs;
    public String startedAt;
    public String updatedAt;
    public String provisionedAt;
    public Map<String, StepRecord> steps = new LinkedHashMap<>();
    public String publicKeySha256;
    public String csr;
    public String batchId;
    public String serial;
    public String fingerprintSha256;
    public String certificate;
    public List<String> chain = new ArrayList<>();

    static Path file(Path jobs, String deviceId) {
        return jobs.resolve(deviceId.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }

    public static JobRecord load(Path file) throws TrustLineException {
        try {
            return JSON.readValue(Files.readAllBytes(file), JobRecord.class);
        } catch (IOException e) {
            throw new TrustLineException("cannot read the job record " + file + ": " + e.getMessage(), e);
        }
    }

    void save(Path file) throws TrustLineException {
        updatedAt = Instant.now().toString();
        try {
            AtomicFile.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this), "rw-r--r--");
        } catch (IOException e) {
            throw new TrustLineException("cannot encode the job record: " + e.getMessage(), e);
        }
    }

    void done(String step, ObjectNode evidence) {
        StepRecord r = new StepRecord();
        r.status = "done";
        r.at = Instant.now().toString();
        r.evidence = evidence;
        steps.put(step, r);
    }

    void failed(StepFailed f) {
        StepRecord r = new StepRecord();
        r.status = "failed";
        r.at = Instant.now().toString();
        r.evidence = f.evidence();
        steps.put(f.step(), r);
        failure = new Failure();
        failure.step = f.step();
        failure.code = f.code();
        failure.message = f.getMessage();
        failure.evidence = f.evidence();
        state = FAILED;
    }
}
