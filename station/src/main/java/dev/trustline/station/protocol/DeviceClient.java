package dev.trustline.station.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;

/**
 * The station's end of the device protocol (runbooks/device-protocol.md): one JSON request per line
 * with an increasing {@code id}; the reply carrying the same id is the answer, lines with another id
 * (late answers to a request that timed out) or that are not JSON (boot messages) are skipped.
 */
public final class DeviceClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LineTransport link;
    private final Duration timeout;
    private long nextId = 1;

    public DeviceClient(LineTransport link, Duration timeout) {
        this.link = link;
        this.timeout = timeout;
    }

    public static ObjectNode args() {
        return JSON.createObjectNode();
    }

    /** Sends {@code cmd} with {@code args} and returns the successful reply. */
    public JsonNode call(String cmd, ObjectNode args) throws DeviceException {
        long id = nextId++;
        ObjectNode request = JSON.createObjectNode().put("id", id).put("cmd", cmd);
        request.setAll(args);
        try {
            link.send(request.toString());
            return await(cmd, id);
        } catch (EOFException e) {
            throw new DeviceException(DeviceException.Kind.DISCONNECTED, "disconnected",
                    "the device closed the link during '" + cmd + "' (rebooted or unplugged?)");
        } catch (IOException e) {
            throw new DeviceException(DeviceException.Kind.DISCONNECTED, "disconnected",
                    "link to the device failed during '" + cmd + "': " + e.getMessage());
        }
    }

    private JsonNode await(String cmd, long id) throws IOException, DeviceException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : link.receive(Duration.ofNanos(left));
            if (line == null) {
                throw new DeviceException(DeviceException.Kind.TIMEOUT, "timeout",
                        "no answer to '" + cmd + "' within " + timeout.toMillis() + " ms");
            }
            JsonNode reply = parse(line);
            if (reply != null && reply.path("id").asLong(-1) == id) {
                return check(cmd, reply);
            }
        }
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static JsonNode check(String cmd, JsonNode reply) throws DeviceException {
        JsonNode ok = reply.get("ok");
        if (ok == null || !ok.isBoolean()) {
            throw new DeviceException(DeviceException.Kind.BAD_REPLY, "bad-reply", "the reply to '" + cmd + "' has no ok field");
        }
        if (!ok.asBoolean()) {
            String code = reply.path("error").path("code").asText("unknown");
            throw new DeviceException(DeviceException.Kind.ERROR_REPLY, code, "the device refused '" + cmd + "': "
                    + code + ": " + reply.path("error").path("message").asText(""));
        }
        return reply;
    }

    /** A required text field of a reply. */
    public static String text(JsonNode reply, String field, String cmd) throws DeviceException {
        JsonNode v = reply.get(field);
        if (v == null || !v.isTextual()) {
            throw new DeviceException(DeviceException.Kind.BAD_REPLY, "bad-reply",
                    "the reply to '" + cmd + "' lacks the text field '" + field + "'");
        }
        return v.asText();
    }

    public String address() {
        return link.address();
    }

    @Override
    public void close() {
        link.close();
    }
}
