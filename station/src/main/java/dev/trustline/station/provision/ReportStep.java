package dev.trustline.station.provision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.station.signer.SignerClient;
import java.time.Instant;

/**
 * Step 8: the evidence goes to the signer (POST /v1/devices/ID/provisioning), which checks the
 * challenge signature against the certificate in its registry and records the device as provisioned.
 * Reporting the same evidence again is answered as already recorded.
 */
final class ReportStep implements Step {
    static final String REPORT = "8-report";

    @Override
    public String name() {
        return REPORT;
    }

    @Override
    public ObjectNode run(Job job) throws StepFailed, TrustLineException {
        ObjectNode body = Job.evidence()
                .put("certificate_fingerprint_sha256", job.record.fingerprintSha256)
                .put("challenge", job.challenge.path("challenge").asText())
                .put("signature", job.challenge.path("signature").asText())
                .put("challenge_verified", true)
                .put("debug_locked", true)
                .put("self_test", job.selfTest.path("result").asText())
                .put("firmware_build", job.info.path("firmware").path("build").asText(""))
                .put("firmware_sha256", job.info.path("firmware").path("sha256").asText(""))
                .put("hw_rev", job.info.path("hw_rev").asText(""))
                .put("operator", job.settings.operator())
                .put("station_time", Instant.now().toString());
        body.set("self_test_checks", job.selfTest.path("checks"));
        SignerClient.Reply reply = job.signer.reportProvisioning(job.idReadBack, body);
        ObjectNode ev = Job.evidence().put("http_status", reply.status());
        if (reply.status() != 200 && reply.status() != 201) {
            throw new StepFailed(REPORT, "evidence-refused", "the signer refused the evidence: " + reply.error(), ev);
        }
        return ev.put("state", reply.body().path("state").asText()).put("recorded_at", reply.body().path("recorded_at").asText())
                .put("already_recorded", reply.body().path("already_recorded").asBoolean(false));
    }
}
