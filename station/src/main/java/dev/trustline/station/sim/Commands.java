package dev.trustline.station.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.KeyEvidence;
import dev.trustline.core.x509.Pem;
import dev.trustline.station.protocol.Challenge;
import dev.trustline.station.sim.DeviceSimulator.Refusal;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

/** The protocol's commands as the simulated device carries them out (faults included). */
final class Commands {
    static final String CERT_SLOT_DEFAULT = "device-identity";
    private final DeviceSimulator device;

    Commands(DeviceSimulator device) {
        this.device = device;
    }

    ObjectNode run(String cmd, JsonNode req, boolean rebootMidway) throws Refusal, TrustLineException {
        return switch (cmd) {
            case "info" -> info();
            case "set_device_id" -> setDeviceId(req);
            case "generate_key" -> generateKey(req);
            case "write_certs" -> writeCerts(req, rebootMidway);
            case "read_certs" -> readCerts(req);
            case "sign_challenge" -> signChallenge(req);
            case "self_test" -> selfTest();
            case "finalize" -> finalizeDevice();
            default -> throw new Refusal("unknown-command", "unknown command '" + cmd + "'");
        };
    }

    /** The label of the device's current key in its secure element. */
    private String deviceKey() {
        int g = device.state().keyGeneration;
        return g == 0 ? SecureElement.DEVICE_KEY : SecureElement.DEVICE_KEY + "-" + g;
    }

    private ObjectNode info() {
        SimState s = device.state();
        ObjectNode o = DeviceSimulator.JSON.createObjectNode();
        String id = s.deviceId;
        if (id != null && device.faults().fire("swapped-id", "info")) {
            id = swapped(id);
        }
        o.put("device_id", id);
        o.put("hw_rev", s.hwRev);
        o.putObject("firmware").put("build", s.firmwareBuild).put("sha256", s.firmwareSha256);
        o.put("debug_locked", s.debugLocked);
        o.put("boot_count", s.bootCount);
        return o;
    }

    static String swapped(String id) {
        int n = id.length();
        if (n < 2 || id.charAt(n - 1) == id.charAt(n - 2)) {
            return id + "0";
        }
        return id.substring(0, n - 2) + id.charAt(n - 1) + id.charAt(n - 2);
    }

    private ObjectNode setDeviceId(JsonNode req) throws Refusal, TrustLineException {
        String id = text(req, "device_id", 64);
        SimState s = device.state();
        if (id.equals(s.deviceId)) {
            return ok();
        }
        if (s.deviceId != null) {
            throw new Refusal("already-set", "the device ID is already set (to a different value); it cannot be changed");
        }
        refuseIfLocked("set the device ID");
        s.deviceId = id;
        device.save();
        return ok();
    }

    private ObjectNode generateKey(JsonNode req) throws Refusal, TrustLineException {
        String keyType = req.path("key_type").asText("ecdsa-p256");
        if (!keyType.equals("ecdsa-p256")) {
            throw new Refusal("unsupported", "key type '" + keyType + "' is not supported (ecdsa-p256)");
        }
        String subject = text(req, "subject", 512);
        X500Name name;
        try {
            name = new X500Name(subject);
        } catch (IllegalArgumentException e) {
            throw new Refusal("bad-request", "subject is not an X.500 name: " + subject);
        }
        SecureElement se = device.se();
        if (se.hasKey(deviceKey()) && !device.state().debugLocked && device.faults().fire("lose-key", "generate_key")) {
            device.state().keyGeneration++; // the secure element was wiped: its key is gone
            device.save();
        }
        boolean created = !se.hasKey(deviceKey());
        if (created) {
            refuseIfLocked("generate a key");
            se.generate(deviceKey());
            device.state().keyGenerated = true;
            device.save();
        }
        PublicKey pub = se.publicKey(deviceKey());
        KeyEvidence ev = se.evidence(deviceKey());
        ObjectNode o = ok().put("created", created).put("key_type", keyType)
                .put("public_key", DeviceSimulator.b64(pub.getEncoded()))
                .put("csr", Pem.encode(se.csr(deviceKey(), name)));
        o.putObject("key_attributes").put("local", ev.local()).put("never_extractable", ev.neverExtractable())
                .put("always_sensitive", ev.alwaysSensitive()).put("extractable", ev.extractable());
        return o;
    }

    private ObjectNode writeCerts(JsonNode req, boolean rebootMidway) throws Refusal, TrustLineException {
        String slot = req.path("slot").asText(CERT_SLOT_DEFAULT);
        String cert = text(req, "certificate", 16384);
        List<String> chain = new ArrayList<>();
        for (JsonNode c : req.path("chain")) {
            chain.add(c.asText());
        }
        parse(cert, "certificate");
        for (String c : chain) {
            parse(c, "chain");
        }
        if (device.state().debugLocked && !same(slot, cert, chain)) {
            throw new Refusal("locked", "the device is finalized (debug locked): certificates cannot be changed");
        }
        if (device.faults().fire("lose-write", "write_certs")) {
            return ok().put("slot", slot);
        }
        String target = device.faults().fire("wrong-cert-slot", "write_certs") ? "factory-test" : slot;
        SimState.Slot s = new SimState.Slot();
        s.chain = chain;
        s.certificate = rebootMidway ? "" : cert; // a reboot in the middle: the chain made it, the certificate did not
        device.state().slots.put(target, s);
        device.save();
        return ok().put("slot", slot);
    }

    private boolean same(String slot, String cert, List<String> chain) {
        SimState.Slot s = device.state().slots.get(slot);
        return s != null && cert.equals(s.certificate) && chain.equals(s.chain);
    }

    private ObjectNode readCerts(JsonNode req) throws Refusal {
        String slot = req.path("slot").asText(CERT_SLOT_DEFAULT);
        SimState.Slot s = device.state().slots.get(slot);
        if (s == null) {
            throw new Refusal("empty-slot", "slot '" + slot + "' holds no certificate");
        }
        ObjectNode o = ok().put("slot", slot).put("certificate", s.certificate);
        s.chain.forEach(o.putArray("chain")::add);
        return o;
    }

    private ObjectNode signChallenge(JsonNode req) throws Refusal, TrustLineException {
        byte[] nonce;
        try {
            nonce = Base64.getDecoder().decode(text(req, "challenge", 1024));
        } catch (IllegalArgumentException e) {
            throw new Refusal("bad-request", "challenge must be base64");
        }
        if (nonce.length < 16 || nonce.length > 64) {
            throw new Refusal("bad-request", "a challenge is 16 to 64 bytes");
        }
        if (!device.se().hasKey(deviceKey())) {
            throw new Refusal("no-key", "the device has no key yet (generate_key first)");
        }
        String key = device.faults().fire("wrong-key-slot", "sign_challenge") ? SecureElement.TEST_KEY : deviceKey();
        byte[] sig = device.se().sign(key, Challenge.message(nonce));
        return ok().put("algorithm", "SHA256withECDSA").put("signature", DeviceSimulator.b64(sig));
    }

    private ObjectNode selfTest() throws TrustLineException {
        SecureElement se = device.se();
        boolean key = se.hasKey(deviceKey()) && !device.faults().fire("self-test-fail", "self_test");
        SimState.Slot slot = device.state().slots.get(CERT_SLOT_DEFAULT);
        boolean certMatches = key && slot != null && certKeyMatches(slot.certificate, se.publicKey(deviceKey()));
        ObjectNode o = ok().put("result", key && certMatches ? "pass" : "fail");
        o.putObject("checks").put("secure_element", key ? "pass" : "fail").put("certificate_matches_key", certMatches ? "pass" : "fail")
                .put("firmware_image", "pass");
        return o;
    }

    private static boolean certKeyMatches(String pem, PublicKey key) {
        try {
            List<X509CertificateHolder> certs = Pem.parseCertificates(pem, "slot");
            return certs.size() == 1 && Arrays.equals(certs.get(0).getSubjectPublicKeyInfo().getEncoded(), key.getEncoded());
        } catch (TrustLineException | java.io.IOException e) {
            return false;
        }
    }

    private ObjectNode finalizeDevice() throws TrustLineException {
        if (!device.faults().fire("no-debug-lock", "finalize")) {
            device.state().debugLocked = true;
            device.save();
        }
        return ok().put("debug_locked", true);
    }

    private void refuseIfLocked(String what) throws Refusal {
        if (device.state().debugLocked) {
            throw new Refusal("locked", "the device is finalized (debug locked): cannot " + what);
        }
    }

    private static void parse(String pem, String field) throws Refusal {
        try {
            if (Pem.parseCertificates(pem, field).size() != 1) {
                throw new Refusal("bad-request", field + " must hold exactly one PEM certificate");
            }
        } catch (TrustLineException e) {
            throw new Refusal("bad-request", field + " is not a PEM certificate");
        }
    }

    private static String text(JsonNode req, String field, int max) throws Refusal {
        JsonNode v = req.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty() || v.asText().length() > max) {
            throw new Refusal("bad-request", "field '" + field + "' must be text of 1 to " + max + " characters");
        }
        return v.asText();
    }

    private static ObjectNode ok() {
        return DeviceSimulator.JSON.createObjectNode();
    }
}
