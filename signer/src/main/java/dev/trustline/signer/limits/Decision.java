package dev.trustline.signer.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer of a rate limit: granted, or refused with how long to wait before the same request
 * can be granted (if nobody else takes the tokens first). An HTTP layer maps a refusal to 429
 * with {@code Retry-After} rounded up to whole seconds.
 *
 * @param granted true if the tokens were taken
 * @param retryAfter zero when granted, else the wait, always positive
 * @param limitedBy when refused, which limit refused (e.g. "station SZ-L1-S03"); null when
 *     granted
 */
public record Decision(boolean granted, Duration retryAfter, String limitedBy) {

    private static final Decision GRANTED = new Decision(true, Duration.ZERO, null);

    public Decision {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (granted != retryAfter.isZero()) {
            throw new IllegalArgumentException("a grant has no wait, a refusal has one");
        }
    }

    public static Decision grant() {
        return GRANTED;
    }

    public static Decision refuse(Duration retryAfter, String limitedBy) {
        return new Decision(false, retryAfter, limitedBy);
    }

    /** {@link #retryAfter()} in whole seconds, rounded up (for an HTTP Retry-After header). */
    public long retryAfterSeconds() {
        long seconds = retryAfter.getSeconds();
        return retryAfter.getNano() > 0 ? seconds + 1 : seconds;
    }

    Decision limitedBy(String what) {
        return granted ? this : new Decision(false, retryAfter, what);
    }
}
