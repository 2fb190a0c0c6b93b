package dev.trustline.core.quorum;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * Picks the Argon2id pass count so that one derivation takes about a target duration on this
 * machine. Memory and lanes are kept as given; only iterations change. It times derivations at one
 * and at two passes (the faster of two runs each, against noise) and extrapolates linearly, so it
 * costs about four to six target durations. Much of a derivation is first-touch page faults,
 * which do not grow with passes: the marginal cost of a pass is taken as at least half the
 * one-pass time so that noise cannot drive the estimate to the cap.
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
        long one = fastestOfTwo(base.withIterations(1));
        if (one >= targetNanos) {
            return base.withIterations(1);
        }
        long two = fastestOfTwo(base.withIterations(2));
        long perPass = Math.max(Math.max(1, one / 2), two - one);
        long passes = 1 + Math.round((double) (targetNanos - one) / perPass);
        int iterations = (int) Math.max(1, Math.min(MAX_CALIBRATED_ITERATIONS, passes));
        return base.withIterations(iterations);
    }

    private long fastestOfTwo(KdfParams params) {
        return Math.min(costNanos.applyAsLong(params), costNanos.applyAsLong(params));
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
