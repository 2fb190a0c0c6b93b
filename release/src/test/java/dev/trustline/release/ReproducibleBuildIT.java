package dev.trustline.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The documented check command, run for real: bin/check-reproducible compares every module jar, the
 * SBOM and the release tarball of two builds byte for byte. To keep the suite short, the first build
 * is the one this test run just made (in this tree), the second a fresh copy of the tree elsewhere;
 * run without options, the command makes both builds itself.
 */
class ReproducibleBuildIT {

    @Test
    void checkReproducible_twoBuildsGiveIdenticalJarsAndTarball() throws Exception {
        Path root = Path.of(System.getProperty("trustline.root"));
        Process p = new ProcessBuilder(root.resolve("bin/check-reproducible").toString(), "--this-build-as-first").directory(root.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.MINUTES), out);
        assertEquals(0, p.exitValue(), out);
        for (String jar : new String[] {"core/target/trustline-core-", "ceremony/target/trustline-ceremony-",
            "signer/target/trustline-signer-", "release/target/trustline-sbom.json", "trustline-"}) {
            assertTrue(out.contains("same      ") && out.contains(jar), jar + " was not compared:\n" + out);
        }
        assertFalse(out.contains("DIFFERENT"), out);
        assertTrue(out.contains("reproducible: two builds gave identical jars and tarball"), out);
    }
}
