package dev.trustline.station.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.station.protocol.DeviceClient;
import dev.trustline.station.protocol.DeviceException;
import dev.trustline.station.signer.SignerClient;
import java.security.PublicKey;
import org.bouncycastle.cert.X509CertificateHolder;

/** One run's working state, shared by the steps in order: the links, the record, what was read back. */
final class Job {
    final Settings settings;
    final JobRecord record;
    final DeviceClient device;
    final SignerClient signer;
    /** A device whose record says provisioned is only checked again: nothing is set, generated or written. */
    final boolean recheck;
    /** Step 1: the ID the device reports, and its info reply. */
    String idReadBack;
    JsonNode info;
    /** Step 2: the device's public key. */
    PublicKey publicKey;
    /** Step 4: the certificate as read back from the device's slot. */
    X509CertificateHolder written;
    /** Steps 5-7: what the report carries. */
    ObjectNode challenge;
    JsonNode selfTest;

    Job(Settings settings, JobRecord record, DeviceClient device, SignerClient signer, boolean recheck) {
        this.recheck = recheck;
        this.settings = settings;
        this.record = record;
        this.device = device;
        this.signer = signer;
    }

    static ObjectNode evidence() {
        return JobRecord.JSON.createObjectNode();
    }

    /** A device command within {@code step}: any failure becomes that step's failure. */
    JsonNode call(String step, String cmd, ObjectNode args) throws StepFailed {
        try {
            return device.call(cmd, args);
        } catch (DeviceException e) {
            ObjectNode ev = evidence().put("command", cmd).put("device", device.address());
            throw new StepFailed(step, e.code(), e.getMessage(), ev);
        }
    }

    String text(String step, JsonNode reply, String field, String cmd) throws StepFailed {
        try {
            return DeviceClient.text(reply, field, cmd);
        } catch (DeviceException e) {
            throw new StepFailed(step, e.code(), e.getMessage(), evidence().put("command", cmd));
        }
    }
}
