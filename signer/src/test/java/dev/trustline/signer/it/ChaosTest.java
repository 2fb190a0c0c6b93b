package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The short version of bin/chaos: 3 rounds of 1,000 devices, the signer process SIGKILLed in each. */
class ChaosTest {
    @TempDir
    Path dir;

    @Test
    void signerKilledMidBatch_threeRounds_nothingLostNothingIssuedTwice() throws Exception {
        Chaos chaos = new Chaos(dir);
        StringWriter log = new StringWriter();
        try {
            Chaos.Result r = chaos.run(3, 1000, new PrintWriter(log, true));
            String report = log + "\n" + r;
            assertEquals(3000, r.certificates(), report);
            assertEquals(3000, r.registryRows(), report);
            assertEquals(0, r.duplicates(), report);
            assertEquals(0, r.withoutLedgerEntry(), report);
            assertTrue(r.verification().ok(), report);
            assertTrue(r.clean(), report);
        } finally {
            new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", chaosToken(chaos)).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String chaosToken(Chaos chaos) {
        return chaos.token();
    }
}
