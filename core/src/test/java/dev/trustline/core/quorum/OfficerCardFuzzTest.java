package dev.trustline.core.quorum;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target: the officer card parser on arbitrary bytes. Every input is a card or a
 * QuorumException naming the field; any other exception is a finding. `bin/fuzz` runs it.
 */
class OfficerCardFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void fuzz(byte[] json) {
        try {
            OfficerCard.parse(json, "fuzz.card");
        } catch (QuorumException e) {
            // a clear refusal: expected
        }
    }
}
