package dev.trustline.ceremony.plan;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trustline.core.config.ConfigException;
import dev.trustline.core.config.StrictYaml;
import java.nio.file.Path;

/**
 * Fuzz target: the ceremony file parser and planner (strict YAML, then every step validated) on
 * arbitrary bytes. Every input is a planned Ceremony or a ConfigException naming the YAML path;
 * any other exception is a finding. `bin/fuzz` runs it.
 */
class CeremonyFileFuzzTest {
    private static final Path FILE = Path.of(System.getProperty("trustline.root", ".."), "ceremony/examples/fuzz-ceremony.yaml");

    @FuzzTest(maxDuration = "5s")
    void fuzz(byte[] yaml) {
        try {
            CeremonyPlanner.validate(StrictYaml.parse(yaml, FILE.toString(), CeremonyFile.class), FILE, "0".repeat(64));
        } catch (ConfigException e) {
            // a clear refusal: expected
        }
    }
}
