package dev.trustline.core.quorum;

import static dev.trustline.core.quorum.QuorumFixtures.assertRefused;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KdfParamsTest {
    @Test
    void validateForEnvironment_testParamsInProduction_areRefused() {
        QuorumException e = assertRefused(() -> KdfParams.forTests().validateForEnvironment(true));
        assertEquals("card KDF memory 8192 KiB is below the production floor of 262144 KiB", e.getMessage());
    }

    @Test
    void validateForEnvironment_productionDefaults_passEverywhere() {
        KdfParams production = KdfParams.production();
        assertTrue(production.memoryKiB() >= KdfParams.PRODUCTION_MIN_MEMORY_KIB);
        assertEquals(2, production.parallelism());
        assertDoesNotThrow(() -> production.validateForEnvironment(true));
        assertDoesNotThrow(() -> KdfParams.forTests().validateForEnvironment(false));
    }

    @Test
    void constructor_unusableParams_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KdfParams(8192, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new KdfParams(8192, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new KdfParams(15, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new KdfParams(8 * 1024 * 1024, 1, 1));
    }

    @Test
    void calibrate_linearCost_picksPassesNearTarget() {
        List<Integer> measured = new ArrayList<>();
        Calibrator calibrator = new Calibrator(p -> {
            measured.add(p.iterations());
            return 100_000_000L + 200_000_000L * p.iterations();
        });
        KdfParams result = calibrator.calibrate(KdfParams.production(), Duration.ofMillis(900));
        assertEquals(4, result.iterations()); // 100 ms + 4 * 200 ms
        assertEquals(KdfParams.production().memoryKiB(), result.memoryKiB());
        assertEquals(List.of(1, 1, 2, 2), measured);
    }

    @Test
    void calibrate_noisyTimings_doNotRunAwayToTheCap() {
        long[] timings = {600, 500, 450, 480}; // ms: two passes measured faster than one
        int[] call = {0};
        Calibrator calibrator = new Calibrator(p -> timings[call[0]++] * 1_000_000L);
        // one = 500 ms, marginal pass cost at least 250 ms: 1 + round(500 / 250) = 3
        assertEquals(3, calibrator.calibrate(KdfParams.production(), Duration.ofSeconds(1)).iterations());
    }

    @Test
    void calibrate_slowMachine_staysAtOnePass() {
        Calibrator calibrator = new Calibrator(p -> 3_000_000_000L * p.iterations());
        assertEquals(1, calibrator.calibrate(KdfParams.production(), Duration.ofSeconds(1)).iterations());
    }

    @Test
    void calibrate_veryFastMachine_isCapped() {
        Calibrator calibrator = new Calibrator(p -> 1_000L * p.iterations());
        assertEquals(Calibrator.MAX_CALIBRATED_ITERATIONS,
                calibrator.calibrate(KdfParams.forTests(), Duration.ofSeconds(1)).iterations());
    }

    @Test
    void calibrate_realArgon2_returnsUsableParams() {
        KdfParams result = Calibrator.measuring().calibrate(KdfParams.forTests(), Duration.ofMillis(20));
        assertTrue(result.iterations() >= 1 && result.iterations() <= Calibrator.MAX_CALIBRATED_ITERATIONS);
        assertEquals(8192, result.memoryKiB());
    }
}
