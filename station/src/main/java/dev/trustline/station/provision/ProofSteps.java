package dev.trustline.station.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.station.protocol.Challenge;
import dev.trustline.station.protocol.DeviceClient;
import java.util.Base64;

/**
 * Step 5: challenge-response against the certificate just written (chain, identity, key, signature).
 * Step 6: the device's self-test. Step 7: finalize (debug lock), then the lock state read back.
 */
final class ProofSteps {
    static final String CHALLENGE = "5-challenge";
    static final String SELF_TEST = "6-self-test";
    static final String FINALIZE = "7-finalize";

    private ProofSteps() {
    }

    static final Step CHALLENGE_STEP = new Step() {
        public String name() {
            return CHALLENGE;
        }

        public ObjectNode run(Job job) throws StepFailed, TrustLineException {
            CertificateCheck check = new CertificateCheck(job.written, job.settings.trust(), job.record.chain);
            ObjectNode ev = Job.evidence().put("certificate_fingerprint_sha256", job.record.fingerprintSha256);
            check.chain(CHALLENGE, ev);
            check.identity(CHALLENGE, job.idReadBack, ev);
            check.key(CHALLENGE, job.publicKey, ev);
            byte[] nonce = Challenge.nonce();
            String nonceB64 = Base64.getEncoder().encodeToString(nonce);
            ev.put("challenge", nonceB64);
            JsonNode reply = job.call(CHALLENGE, "sign_challenge", DeviceClient.args().put("challenge", nonceB64));
            String sig = job.text(CHALLENGE, reply, "signature", "sign_challenge");
            ev.put("signature", sig);
            if (!check.signature(Challenge.message(nonce), sig)) {
                throw new StepFailed(CHALLENGE, "challenge-failed", "the device's answer to the challenge does not verify with the"
                        + " certificate just written (the device signs with another key)", ev);
            }
            ev.put("verified", true);
            job.challenge = ev;
            return ev;
        }
    };

    static final Step SELF_TEST_STEP = new Step() {
        public String name() {
            return SELF_TEST;
        }

        public ObjectNode run(Job job) throws StepFailed {
            JsonNode reply = job.call(SELF_TEST, "self_test", DeviceClient.args());
            ObjectNode ev = Job.evidence().put("result", reply.path("result").asText("missing"));
            ev.set("checks", reply.path("checks"));
            if (!"pass".equals(reply.path("result").asText())) {
                throw new StepFailed(SELF_TEST, "self-test-failed", "the device's self-test failed: " + reply.path("checks"), ev);
            }
            job.selfTest = ev;
            return ev;
        }
    };

    static final Step FINALIZE_STEP = new Step() {
        public String name() {
            return FINALIZE;
        }

        public ObjectNode run(Job job) throws StepFailed {
            job.call(FINALIZE, "finalize", DeviceClient.args());
            JsonNode info = job.call(FINALIZE, "info", DeviceClient.args());
            boolean locked = info.path("debug_locked").asBoolean(false);
            ObjectNode ev = Job.evidence().put("debug_locked", locked);
            if (!locked) {
                throw new StepFailed(FINALIZE, "debug-not-locked", "finalize answered, but the device reports debug still open", ev);
            }
            return ev;
        }
    };
}
