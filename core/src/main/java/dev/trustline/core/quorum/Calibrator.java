package dev.trustline.core.quorum;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * Picks the Argon2id pass count so that one derivation takes about a target duration on this
 * machine. Memory and lanes are kept as given; only iterations change. It times a derivation at
 * one and at two passes and extrapolates linearly, so it costs about three target durations.
 */
public final class Calibrator {
    static final int MAX_CALIBRATED_ITERATIONS = 16;

    private final ToLongFunction<KdfParams> costNanos;

    /** {@code costNanos} returns how long one derivation with the given parameters takes. */
    Calibrator(ToLongFunction<KdfParams> costNanos) {
        this.costNanos = costNanos;
    }

    /** A calibrator that times real Argon2id derivations. */
    public static Calibrator measuring() {
        return new Calibrator(Calibrator::timeOneDerivation);
    }

    public KdfParams calibrate(KdfParams base, Duration target) {
        long targetNanos = target.toNanos();
        long one = costNanos.applyAsLong(base.withIterations(1));
        if (one >= targetNanos) {
            return base.withIterations(1);
        }
        long two = costNanos.applyAsLong(base.withIterations(2));
        long perPass = Math.max(1, two - one);
        long passes = 1 + Math.round((double) (targetNanos - one) / perPass);
        int iterations = (int) Math.max(1, Math.min(MAX_CALIBRATED_ITERATIONS, passes));
        return base.withIterations(iterations);
    }

    private static long timeOneDerivation(KdfParams params) {
        byte[] salt = new byte[PassphraseKdf.SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        char[] dummy = "calibration".toCharArray();
        long start = System.nanoTime();
        try {
            Bytes.wipe(PassphraseKdf.derive(dummy, salt, params));
        } catch (QuorumException e) {
            throw new IllegalStateException("Argon2id calibration failed: " + e.getMessage(), e);
        }
        return System.nanoTime() - start;
    }
}
