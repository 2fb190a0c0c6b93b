package dev.trustline.signer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustline.signer.issuance.BatchResult;
import dev.trustline.signer.issuance.LineResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsJsonTest {

    @Test
    void bytes_streamedAnswer_isTheTreeAnswerByteForByte() throws Exception {
        BatchResult result = new BatchResult("b-1", "shenzhen-gateways-2026", List.of(
                new LineResult(1, "GW0000000018", LineResult.Status.ISSUED, null, null, "0a1b", "ab".repeat(32),
                        new byte[] {0x30, 0x03, 0x02, 0x01, 0x05}, null),
                new LineResult(2, "GW0000000026", LineResult.Status.REFUSED, "duplicate-device", "device \"x\" é\u0001", null,
                        null, null, null),
                LineResult.retry(3, "GW0000000034", "rate-limited", "over the rate", Duration.ofMillis(1500))), true);
        String tree = ResultsJson.JSON.writeValueAsString(ResultsJson.of(result, List.of()));
        assertEquals(tree, new String(ResultsJson.bytes(result, List.of()), StandardCharsets.UTF_8));
    }
}
