package dev.trustline.station.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.x509.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A device that speaks the line protocol (runbooks/device-protocol.md) for tests, demos and station
 * bring-up. Its flash is {@link SimState} in a directory, its secure element a SoftHSM2 token. The
 * misbehaviour switches of {@link Faults} make it fail the way real devices do.
 */
public final class DeviceSimulator {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the transport does after a request: send the reply, stay silent, or drop the link (reboot). */
    public enum Action { REPLY, SILENT, REBOOT }

    public record Outcome(Action action, ObjectNode reply) {
    }

    /** Identity a new simulated device starts with (the device ID may be empty until set_device_id). */
    public record Identity(String deviceId, String hwRev, String firmwareBuild) {
    }

    private final Path stateFile;
    private final Faults faults;
    private final SecureElement se;
    private final Commands commands;
    private SimState state;

    private DeviceSimulator(Path stateFile, SimState state, SecureElement se, Faults faults) {
        this.stateFile = stateFile;
        this.state = state;
        this.se = se;
        this.faults = faults;
        this.commands = new Commands(this);
    }

    /** Boots the device in {@code dir}: first boot writes its flash and creates its secure element. */
    public static DeviceSimulator boot(Path module, Path dir, Identity identity, Faults faults) throws TrustLineException {
        Path file = dir.resolve("device.json");
        SimState state;
        if (Files.exists(file)) {
            state = SimState.load(file);
        } else {
            state = new SimState();
            state.deviceId = identity.deviceId() == null || identity.deviceId().isEmpty() ? null : identity.deviceId();
            state.hwRev = identity.hwRev();
            state.firmwareBuild = identity.firmwareBuild();
            state.firmwareSha256 = Digests.sha256Hex(("simulated firmware image " + identity.firmwareBuild()).getBytes(StandardCharsets.UTF_8));
        }
        SecureElement se = SecureElement.open(module, dir, state);
        state.bootCount++;
        state.save(file);
        return new DeviceSimulator(file, state, se, faults);
    }

    /** Handles one request line. Never throws: every problem is an error reply. */
    public synchronized Outcome handle(String line) {
        JsonNode request;
        try {
            request = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return reply(Action.REPLY, error(null, "bad-request", "not valid JSON"));
        }
        if (request == null || !request.isObject() || !request.path("cmd").isTextual()) {
            return reply(Action.REPLY, error(request, "bad-request", "a request is a JSON object with a text field 'cmd'"));
        }
        String cmd = request.get("cmd").asText();
        try {
            boolean rebootMidway = faults.fire("reboot", cmd);
            ObjectNode ok = commands.run(cmd, request, rebootMidway);
            ok.put("ok", true);
            putId(ok, request);
            if (rebootMidway) {
                reboot();
                return reply(Action.REBOOT, null);
            }
            return reply(faults.fire("timeout", cmd) ? Action.SILENT : Action.REPLY, ok);
        } catch (Refusal r) {
            return reply(Action.REPLY, error(request, r.code, r.getMessage()));
        } catch (TrustLineException | RuntimeException e) {
            return reply(Action.REPLY, error(request, "internal", "the device failed: " + e.getMessage()));
        }
    }

    /** A power cycle: what was not saved to flash is gone. */
    public synchronized void reboot() throws TrustLineException {
        state = SimState.load(stateFile);
        state.bootCount++;
        save();
    }

    private static Outcome reply(Action a, ObjectNode reply) {
        return new Outcome(a, reply);
    }

    private static ObjectNode error(JsonNode request, String code, String message) {
        ObjectNode e = JSON.createObjectNode().put("ok", false);
        putId(e, request);
        e.putObject("error").put("code", code).put("message", message);
        return e;
    }

    private static void putId(ObjectNode reply, JsonNode request) {
        if (request != null && request.has("id")) {
            reply.set("id", request.get("id"));
        }
    }

    /** A device's error reply: a code from the protocol and a message. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        Refusal(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    SimState state() {
        return state;
    }

    SecureElement se() {
        return se;
    }

    Faults faults() {
        return faults;
    }

    void save() throws TrustLineException {
        state.save(stateFile);
    }

    public String deviceId() {
        return state.deviceId;
    }

    public String tokenLabel() {
        return se.tokenLabel();
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
