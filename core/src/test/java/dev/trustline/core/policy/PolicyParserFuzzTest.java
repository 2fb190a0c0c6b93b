package dev.trustline.core.policy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trustline.core.config.ConfigException;

/**
 * Fuzz target: the policy parser on arbitrary bytes. Every input is a valid Policy or a
 * ConfigException naming the YAML path; any other exception is a finding. `bin/fuzz` runs it.
 */
class PolicyParserFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void fuzz(byte[] yaml) {
        try {
            Policy.parse(yaml, "fuzz.yaml");
        } catch (ConfigException e) {
            // a clear refusal: expected
        }
    }
}
