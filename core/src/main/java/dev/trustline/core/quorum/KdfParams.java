package dev.trustline.core.quorum;

/**
 * Argon2id cost parameters of an officer card. The record itself only checks what Argon2 and
 * sanity require; {@link #validateForEnvironment} enforces the production floor.
 *
 * @param memoryKiB   memory in KiB (at least 8 per lane, at most 4 GiB)
 * @param iterations  passes over memory (1..64)
 * @param parallelism lanes (1..16)
 */
public record KdfParams(int memoryKiB, int iterations, int parallelism) {
    /** 256 MiB: the least memory a production card may use. */
    public static final int PRODUCTION_MIN_MEMORY_KIB = 262_144;
    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 16;

    public KdfParams {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism " + parallelism + " is outside 1.." + MAX_PARALLELISM);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations " + iterations + " is outside 1.." + MAX_ITERATIONS);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("memory " + memoryKiB + " KiB is outside " + 8 * parallelism + ".." + MAX_MEMORY_KIB + " KiB");
        }
    }

    /** The production default: 256 MiB, 3 passes, 2 lanes (about a second on the ceremony machine). */
    public static KdfParams production() {
        return new KdfParams(PRODUCTION_MIN_MEMORY_KIB, 3, 2);
    }

    /** Cheap parameters for tests only (8 MiB, 1 pass, 1 lane): refused in production. */
    public static KdfParams forTests() {
        return new KdfParams(8192, 1, 1);
    }

    /** Refuses parameters below the production floor when {@code production} is true. */
    public void validateForEnvironment(boolean production) throws QuorumException {
        if (production && memoryKiB < PRODUCTION_MIN_MEMORY_KIB) {
            throw new QuorumException("card KDF memory " + memoryKiB + " KiB is below the production floor of "
                    + PRODUCTION_MIN_MEMORY_KIB + " KiB");
        }
    }

    public KdfParams withIterations(int newIterations) {
        return new KdfParams(memoryKiB, newIterations, parallelism);
    }
}
