package dev.trustline.station.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.x509.Digests;
import dev.trustline.station.protocol.DeviceClient;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** Steps 1 and 2: the device's ID against the scanned label; the key made on the device and its CSR. */
final class IdentitySteps {
    static final String READ_ID = "1-read-id";
    static final String GENERATE_KEY = "2-generate-key";

    private IdentitySteps() {
    }

    static final Step READ_ID_STEP = new Step() {
        public String name() {
            return READ_ID;
        }

        public ObjectNode run(Job job) throws StepFailed {
            String scanned = job.settings.scannedId();
            JsonNode info = job.call(READ_ID, "info", DeviceClient.args());
            ObjectNode ev = Job.evidence().put("scanned_id", scanned);
            if (!job.recheck && (info.path("device_id").isNull() || info.path("device_id").isMissingNode())) {
                job.call(READ_ID, "set_device_id", DeviceClient.args().put("device_id", scanned));
                ev.put("set_device_id", true);
                info = job.call(READ_ID, "info", DeviceClient.args());
            }
            String readBack = info.path("device_id").asText("");
            ev.put("read_back_id", readBack).put("hw_rev", info.path("hw_rev").asText(""))
                    .put("firmware_build", info.path("firmware").path("build").asText(""))
                    .put("firmware_sha256", info.path("firmware").path("sha256").asText(""))
                    .put("debug_locked", info.path("debug_locked").asBoolean(false))
                    .put("boot_count", info.path("boot_count").asLong(0));
            if (!readBack.equals(scanned)) {
                throw new StepFailed(READ_ID, "id-mismatch", "the device reports ID '" + readBack
                        + "' but its label was scanned as '" + scanned + "' (swapped device or label?)", ev);
            }
            job.idReadBack = readBack;
            job.info = info;
            return ev;
        }
    };

    static final Step GENERATE_KEY_STEP = new Step() {
        public String name() {
            return GENERATE_KEY;
        }

        public ObjectNode run(Job job) throws StepFailed {
            if (job.recheck && !job.info.path("debug_locked").asBoolean(false)) {
                throw new StepFailed(GENERATE_KEY, "not-finalized", "the record says provisioned, but this device's debug port is open:"
                        + " it is not the device provisioned under this label", Job.evidence());
            }
            JsonNode reply = job.call(GENERATE_KEY, "generate_key", DeviceClient.args().put("key_type", "ecdsa-p256")
                    .put("subject", new org.bouncycastle.asn1.x500.X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, job.idReadBack).build().toString()));
            ObjectNode ev = Job.evidence().put("created", reply.path("created").asBoolean());
            ev.set("key_attributes", reply.path("key_attributes"));
            PKCS10CertificationRequest csr = csr(job, job.text(GENERATE_KEY, reply, "csr", "generate_key"), ev);
            byte[] spki = Base64.getDecoder().decode(job.text(GENERATE_KEY, reply, "public_key", "generate_key"));
            String keySha = Digests.sha256Hex(spki);
            ev.put("public_key_sha256", keySha);
            checkCsr(job, csr, spki, ev);
            if (reply.path("key_attributes").path("never_extractable").isBoolean()
                    && !reply.path("key_attributes").path("never_extractable").asBoolean()) {
                throw new StepFailed(GENERATE_KEY, "key-extractable", "the device says its key can be extracted", ev);
            }
            JobRecord r = job.record;
            if (r.publicKeySha256 != null && !r.publicKeySha256.equals(keySha)) {
                if (r.certificate != null) {
                    throw new StepFailed(GENERATE_KEY, "key-changed", "the device's key changed after certificate "
                            + r.serial + " was issued for " + r.publicKeySha256 + ": a supervisor must decide (re-issue)", ev);
                }
                r.csr = null;
            }
            r.publicKeySha256 = keySha;
            if (r.csr == null) {
                r.csr = job.text(GENERATE_KEY, reply, "csr", "generate_key");
            }
            job.publicKey = publicKey(spki);
            return ev;
        }
    };

    private static PKCS10CertificationRequest csr(Job job, String pem, ObjectNode ev) throws StepFailed {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            if (p.readObject() instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
        } catch (IOException e) {
            // falls through to the failure below
        }
        throw new StepFailed(GENERATE_KEY, "bad-csr", "the device's CSR is not a PEM certificate request", ev);
    }

    private static void checkCsr(Job job, PKCS10CertificationRequest csr, byte[] spki, ObjectNode ev) throws StepFailed {
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(dev.trustline.core.x509.Bc.provider()).build(csr.getSubjectPublicKeyInfo()))) {
                throw new StepFailed(GENERATE_KEY, "bad-csr", "the CSR's signature does not verify (no proof of the key)", ev);
            }
            if (!Arrays.equals(csr.getSubjectPublicKeyInfo().getEncoded(), spki)) {
                throw new StepFailed(GENERATE_KEY, "bad-csr", "the CSR carries another public key than the device reported", ev);
            }
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.pkcs.PKCSException e) {
            throw new StepFailed(GENERATE_KEY, "bad-csr", "cannot check the CSR: " + e.getMessage(), ev);
        }
        var cn = csr.getSubject().getRDNs(BCStyle.CN);
        String subjectId = cn.length == 1 ? IETFUtils.valueToString(cn[0].getFirst().getValue()) : "";
        if (!subjectId.equals(job.idReadBack)) {
            ev.put("csr_subject", csr.getSubject().toString());
            throw new StepFailed(GENERATE_KEY, "csr-subject-mismatch", "the CSR names '" + subjectId + "', not the device ID '"
                    + job.idReadBack + "'", ev);
        }
    }

    static PublicKey publicKey(byte[] spki) throws StepFailed {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new StepFailed(GENERATE_KEY, "bad-key", "the device's public key is not an EC key: " + e.getMessage(), null);
        }
    }
}
