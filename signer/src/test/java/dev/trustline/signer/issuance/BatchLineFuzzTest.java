package dev.trustline.signer.issuance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzz target: the batch-line parser, fed bytes decoded as the API decodes a body. A line either
 * parses into fields the registry and ledger can encode, or is refused with a kebab-case code and a
 * clean one-line message; any other outcome (an unexpected exception) is a finding. `bin/fuzz` runs it.
 */
class BatchLineFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void fuzz(byte[] data) {
        String line = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(data)).toString();
        try {
            DeviceLine d = DeviceLineParser.parse(1, line);
            for (String field : List.of(d.deviceId(), d.operator(), d.sku(), d.hwRev())) {
                assertTrue(LineText.isClean(field), "a parsed field is not encodable");
            }
        } catch (LineRefused e) {
            assertTrue(e.code().matches("[a-z]+(-[a-z]+)*"), e.code());
            assertTrue(LineText.isClean(LineText.printable(e.getMessage())), e.getMessage());
        }
    }
}
