package dev.trustline.station.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.x509.Digests;
import dev.trustline.core.x509.Pem;
import dev.trustline.station.protocol.DeviceClient;
import dev.trustline.station.protocol.DeviceException;
import dev.trustline.station.signer.SignerClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Step 3: the signer issues the certificate (one-line batch; the batch id is derived from policy,
 * device ID and public key, so a retry replays the same certificate and never issues a second one).
 * Step 4: the certificate and chain are written to the device's slot and read back byte for byte.
 */
final class CertificateSteps {
    static final String ISSUE = "3-issue";
    static final String WRITE = "4-write-certs";

    private CertificateSteps() {
    }

    static final Step ISSUE_STEP = new Step() {
        public String name() {
            return ISSUE;
        }

        public ObjectNode run(Job job) throws StepFailed, TrustLineException {
            JobRecord r = job.record;
            if (r.certificate != null && keySha(parse(r.certificate)).equals(r.publicKeySha256)) {
                return Job.evidence().put("reused", true).put("serial", r.serial).put("fingerprint_sha256", r.fingerprintSha256);
            }
            r.batchId = "prov-" + Digests.sha256Hex((job.settings.policy() + "\n" + job.idReadBack + "\n" + r.publicKeySha256)
                    .getBytes(StandardCharsets.UTF_8)).substring(0, 32);
            String line = JobRecord.JSON.createObjectNode().put("device_id", job.idReadBack).put("csr", r.csr)
                    .put("sku", job.settings.sku()).put("hw_rev", job.info.path("hw_rev").asText(""))
                    .put("operator", job.settings.operator()).toString();
            SignerClient.Reply reply = job.signer.submit(r.batchId, job.settings.policy(), line);
            if (reply.status() == 409) {
                reply = job.signer.batch(r.batchId); // registered before with another CSR of the same key: read it back
            }
            ObjectNode ev = Job.evidence().put("batch_id", r.batchId).put("http_status", reply.status());
            if (reply.status() != 200) {
                throw new StepFailed(ISSUE, "signer-refused", "the signer refused batch " + r.batchId + ": " + reply.error(), ev);
            }
            JsonNode result = reply.body().path("results").path(0);
            String status = result.path("status").asText();
            ev.put("status", status).put("replayed", reply.body().path("replayed").asBoolean(false));
            if (!"issued".equals(status)) {
                ev.put("error_code", result.path("error").path("code").asText());
                throw new StepFailed(ISSUE, "issue-" + status, "the signer did not issue: " + result.path("error").path("code").asText()
                        + ": " + result.path("error").path("message").asText(), ev);
            }
            X509CertificateHolder cert = parse(result.path("certificate").asText());
            if (!keySha(cert).equals(r.publicKeySha256)) {
                throw new StepFailed(ISSUE, "key-mismatch", "the issued certificate is for another key than the device's", ev);
            }
            r.certificate = result.path("certificate").asText();
            r.serial = result.path("serial").asText();
            r.fingerprintSha256 = result.path("fingerprint_sha256").asText();
            r.chain = new ArrayList<>();
            reply.body().path("chain").forEach(c -> r.chain.add(c.asText()));
            return ev.put("serial", r.serial).put("fingerprint_sha256", r.fingerprintSha256);
        }
    };

    static final Step WRITE_STEP = new Step() {
        public String name() {
            return WRITE;
        }

        public ObjectNode run(Job job) throws StepFailed, TrustLineException {
            JobRecord r = job.record;
            String slot = job.settings.slot();
            ObjectNode ev = Job.evidence().put("slot", slot).put("expected_fingerprint_sha256", r.fingerprintSha256);
            if (matches(readBack(job, slot), r)) {
                job.written = parse(r.certificate);
                return ev.put("already_written", true);
            }
            if (job.recheck) {
                throw new StepFailed(WRITE, "readback-mismatch", "the record says provisioned, but slot '" + slot
                        + "' does not hold its certificate", ev);
            }
            ObjectNode args = DeviceClient.args().put("slot", slot).put("certificate", r.certificate);
            ArrayNode chain = args.putArray("chain");
            r.chain.forEach(chain::add);
            job.call(WRITE, "write_certs", args);
            JsonNode back = readBack(job, slot);
            if (!matches(back, r)) {
                ev.put("read_back_fingerprint_sha256", back == null ? "empty" : fingerprint(back.path("certificate").asText()));
                throw new StepFailed(WRITE, "readback-mismatch", "slot '" + slot + "' does not hold what was written"
                        + (back == null ? " (it is empty)" : ""), ev);
            }
            job.written = parse(r.certificate);
            return ev.put("read_back", "identical");
        }
    };

    private static JsonNode readBack(Job job, String slot) throws StepFailed {
        try {
            return job.device.call("read_certs", DeviceClient.args().put("slot", slot));
        } catch (DeviceException e) {
            if ("empty-slot".equals(e.code())) {
                return null;
            }
            throw new StepFailed(WRITE, e.code(), e.getMessage(), Job.evidence().put("command", "read_certs"));
        }
    }

    private static boolean matches(JsonNode back, JobRecord r) throws TrustLineException {
        if (back == null || !der(back.path("certificate").asText()).equals(der(r.certificate))) {
            return false;
        }
        List<String> chain = new ArrayList<>();
        back.path("chain").forEach(c -> chain.add(c.asText()));
        if (chain.size() != r.chain.size()) {
            return false;
        }
        for (int i = 0; i < chain.size(); i++) {
            if (!der(chain.get(i)).equals(der(r.chain.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static String der(String pem) {
        try {
            List<X509CertificateHolder> certs = Pem.parseCertificates(pem, "slot");
            return certs.size() == 1 ? Digests.sha256Hex(certs.get(0).getEncoded()) : "none";
        } catch (TrustLineException | IOException e) {
            return "unparsable";
        }
    }

    private static String fingerprint(String pem) {
        return der(pem);
    }

    static X509CertificateHolder parse(String pem) throws TrustLineException {
        List<X509CertificateHolder> certs = Pem.parseCertificates(pem, "certificate");
        if (certs.size() != 1) {
            throw new TrustLineException("expected one certificate, found " + certs.size());
        }
        return certs.get(0);
    }

    static String keySha(X509CertificateHolder cert) throws TrustLineException {
        try {
            return Digests.sha256Hex(cert.getSubjectPublicKeyInfo().getEncoded());
        } catch (IOException e) {
            throw new TrustLineException("cannot encode a public key", e);
        }
    }
}
