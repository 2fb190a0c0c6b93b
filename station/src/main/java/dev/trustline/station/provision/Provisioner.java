package dev.trustline.station.provision;

import dev.trustline.core.TrustLineException;
import dev.trustline.station.protocol.DeviceClient;
import dev.trustline.station.protocol.DeviceException;
import dev.trustline.station.signer.SignerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the line flow for one device, step by step, saving the job record after each: read the ID,
 * generate the key, issue, write and read back, challenge-response, self-test, finalize, report.
 * Each step is idempotent, so re-running the same command after any failure (or a crash) finishes
 * the device safely; a device is either provisioned or failed at a named step with its evidence.
 */
public final class Provisioner {
    static final List<Step> STEPS = List.of(IdentitySteps.READ_ID_STEP, IdentitySteps.GENERATE_KEY_STEP, CertificateSteps.ISSUE_STEP,
            CertificateSteps.WRITE_STEP, ProofSteps.CHALLENGE_STEP, ProofSteps.SELF_TEST_STEP, ProofSteps.FINALIZE_STEP, new ReportStep());

    static final List<Step> RECHECK = List.of(IdentitySteps.READ_ID_STEP, IdentitySteps.GENERATE_KEY_STEP,
            CertificateSteps.ISSUE_STEP, CertificateSteps.WRITE_STEP, ProofSteps.CHALLENGE_STEP);

    /** How a run ended: the record's state and, when failed, the step, code and reason. */
    public record Outcome(String deviceId, String state, String step, String code, String message, Path record) {
        public boolean provisioned() {
            return JobRecord.PROVISIONED.equals(state);
        }
    }

    private final Settings settings;
    private final SignerClient signer;
    private final Consumer<String> progress;
    private final StationLog log;

    public Provisioner(Settings settings, SignerClient signer, Consumer<String> progress) {
        this.settings = settings;
        this.signer = signer;
        this.progress = progress;
        this.log = new StationLog(settings.jobs());
    }

    public Outcome run() throws TrustLineException {
        Path file = JobRecord.file(settings.jobs(), settings.scannedId());
        JobRecord r = Files.exists(file) ? JobRecord.load(file) : fresh();
        if (!settings.policy().equals(r.policy)) {
            throw new TrustLineException("job record " + file + " is for policy " + r.policy + ", not " + settings.policy());
        }
        if (JobRecord.PROVISIONED.equals(r.state)) {
            return recheck(r, file);
        }
        r.runs++;
        r.state = JobRecord.IN_PROGRESS;
        r.failure = null;
        r.device = settings.device().toString();
        r.save(file);
        try (DeviceClient device = new DeviceClient(connect(), settings.timeout())) {
            Job job = new Job(settings, r, device, signer, false);
            for (Step step : STEPS) {
                progress.accept(settings.scannedId() + ": " + step.name());
                r.done(step.name(), runStep(step, job));
                r.save(file);
                log.step(settings.scannedId(), step.name(), "done", null, r.fingerprintSha256);
            }
            r.state = JobRecord.PROVISIONED;
            r.provisionedAt = Instant.now().toString();
            r.save(file);
            progress.accept(settings.scannedId() + ": provisioned, certificate " + r.fingerprintSha256);
        } catch (StepFailed f) {
            r.failed(f);
            r.save(file);
            log.step(settings.scannedId(), f.step(), "failed", f.code(), r.fingerprintSha256);
            progress.accept(settings.scannedId() + ": FAILED at " + f.step() + " (" + f.code() + "): " + f.getMessage());
        }
        return outcome(r, file);
    }

    /**
     * A label whose record says provisioned: the device on the jig is checked (ID, key, certificate in
     * the slot, challenge-response) without changing it or the record, so a second device carrying the
     * same label is caught instead of being reported as done.
     */
    private Outcome recheck(JobRecord r, Path file) throws TrustLineException {
        try (DeviceClient device = new DeviceClient(connect(), settings.timeout())) {
            Job job = new Job(settings, r, device, signer, true);
            for (Step step : RECHECK) {
                runStep(step, job);
            }
            progress.accept(settings.scannedId() + ": already provisioned (" + r.provisionedAt + "), checked again: certificate "
                    + r.fingerprintSha256);
            log.step(settings.scannedId(), "recheck", "done", null, r.fingerprintSha256);
            return outcome(r, file);
        } catch (StepFailed f) {
            log.step(settings.scannedId(), "recheck " + f.step(), "failed", f.code(), r.fingerprintSha256);
            progress.accept(settings.scannedId() + ": FAILED the re-check at " + f.step() + " (" + f.code() + "): " + f.getMessage()
                    + "; the device provisioned under this label stays recorded as provisioned");
            return new Outcome(r.deviceId, "recheck-failed", f.step(), f.code(), f.getMessage(), file);
        }
    }

    private dev.trustline.station.protocol.LineTransport connect() throws StepFailed {
        try {
            return settings.device().open(settings.timeout());
        } catch (DeviceException e) {
            throw new StepFailed(IdentitySteps.READ_ID, "unreachable", e.getMessage(), null);
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode runStep(Step step, Job job) throws StepFailed {
        try {
            return step.run(job);
        } catch (StepFailed f) {
            throw f;
        } catch (TrustLineException e) {
            throw new StepFailed(step.name(), "error", e.getMessage(), null);
        }
    }

    private JobRecord fresh() {
        JobRecord r = new JobRecord();
        r.deviceId = settings.scannedId();
        r.station = settings.station();
        r.operator = settings.operator();
        r.policy = settings.policy();
        r.signer = settings.signer().toString();
        r.startedAt = Instant.now().toString();
        return r;
    }

    private static Outcome outcome(JobRecord r, Path file) {
        JobRecord.Failure f = r.failure;
        return new Outcome(r.deviceId, r.state, f == null ? null : f.step, f == null ? null : f.code, f == null ? null : f.message, file);
    }
}
