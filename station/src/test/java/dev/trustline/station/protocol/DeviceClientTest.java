package dev.trustline.station.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trustline.core.TrustLineException;
import java.io.EOFException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The station's end of the protocol: stale and non-JSON lines skipped, each failure kind named. */
class DeviceClientTest {

    /** A scripted device: answers each request with the given lines; null means silence, "EOF" a closed link. */
    static final class Scripted implements LineTransport {
        final Deque<String> lines;

        Scripted(List<String> lines) {
            this.lines = new ArrayDeque<>(lines);
        }

        public void send(String line) {
        }

        public String receive(Duration timeout) throws EOFException {
            String l = lines.poll();
            if ("EOF".equals(l)) {
                throw new EOFException("closed");
            }
            return l;
        }

        public String address() {
            return "scripted";
        }

        public void close() {
        }
    }

    static DeviceClient client(String... lines) {
        return new DeviceClient(new Scripted(List.of(lines)), Duration.ofMillis(200));
    }

    @Test
    void call_skipsBootBannerAndLateRepliesToOtherRequests() throws Exception {
        var reply = client("U-Boot 2026.01", "{\"id\":0,\"ok\":true,\"late\":1}", "{\"id\":1,\"ok\":true,\"device_id\":\"GW1\"}")
                .call("info", DeviceClient.args());
        assertEquals("GW1", reply.path("device_id").asText());
    }

    @Test
    void call_errorReply_carriesTheDevicesCode() {
        DeviceException e = assertThrows(DeviceException.class, () -> client("{\"id\":1,\"ok\":false,\"error\":{\"code\":\"locked\",\"message\":\"m\"}}")
                .call("set_device_id", DeviceClient.args()));
        assertEquals(DeviceException.Kind.ERROR_REPLY, e.kind());
        assertEquals("locked", e.code());
    }

    @Test
    void call_silence_isTimeout() {
        DeviceException e = assertThrows(DeviceException.class, () -> client().call("info", DeviceClient.args()));
        assertEquals("timeout", e.code());
    }

    @Test
    void call_closedLink_isDisconnected() {
        DeviceException e = assertThrows(DeviceException.class, () -> client("EOF").call("info", DeviceClient.args()));
        assertEquals("disconnected", e.code());
    }

    @Test
    void call_replyWithoutOk_isBadReply() {
        DeviceException e = assertThrows(DeviceException.class, () -> client("{\"id\":1}").call("info", DeviceClient.args()));
        assertEquals("bad-reply", e.code());
    }

    @Test
    void address_parse_refusesOtherSchemes() {
        for (String bad : List.of("usb://x", "tcp://host", "serial:ttyUSB0", "tcp://h:1/path")) {
            assertThrows(TrustLineException.class, () -> DeviceAddress.parse(bad), bad);
        }
    }
}
