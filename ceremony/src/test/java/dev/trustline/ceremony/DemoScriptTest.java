package dev.trustline.ceremony;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * bin/demo deletes the tokens it made: softhsm2-util must run under the project's SoftHSM2 configuration
 * (exported before the first call), and the signer token's deletion is on the EXIT trap so a failed demo
 * cleans up too. (bin/demo itself runs end to end outside the suite; this checks the script's shape.)
 */
class DemoScriptTest {
    static final Path DEMO = ExampleCeremony.EXAMPLES.resolve("../../bin/demo").normalize();

    @Test
    void demo_deletesItsTokensUnderTheProjectSoftHsmConfiguration() throws Exception {
        String script = Files.readString(DEMO);
        int export = script.indexOf("export SOFTHSM2_CONF");
        java.util.regex.Matcher call = java.util.regex.Pattern.compile("(?m)^[^#\\n]*softhsm2-util").matcher(script);
        int firstUtil = call.find() ? call.start() : -1;
        assertTrue(export > 0 && script.indexOf("softhsm/setup") < export, "bin/demo exports the project's SOFTHSM2_CONF");
        assertTrue(firstUtil > export, "softhsm2-util runs only after SOFTHSM2_CONF is exported");
        assertTrue(script.matches("(?s).*trap '[^']*softhsm2-util --delete-token --token \"\\$token\"[^']*' EXIT.*"),
                "the demo's token is deleted on exit, however the demo ends");
    }
}
