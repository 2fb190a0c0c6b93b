package dev.trustline.signer.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer to "up to {@code n} tokens": how many were taken (the same count from every bucket
 * asked), and when fewer than asked, how long until the bucket that held the fewest has one more
 * token and which limit that was. A chunk of a batch asks once for all of its lines; the lines past
 * {@link #granted()} are answered {@code rate-limited} with {@link #retryAfter()}.
 *
 * @param granted tokens taken, 0 to n
 * @param retryAfter zero when everything asked for was granted, else positive
 * @param limitedBy which limit ran short (e.g. "station station-sz-01"), null when all was granted
 */
public record Grant(long granted, Duration retryAfter, String limitedBy) {

    public Grant {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (granted < 0 || retryAfter.isNegative() || retryAfter.isZero() != (limitedBy == null)) {
            throw new IllegalArgumentException("a grant of " + granted + " with wait " + retryAfter
                    + " and limit " + limitedBy + " is not consistent");
        }
    }

    /** Everything asked for. */
    public static Grant all(long n) {
        return new Grant(n, Duration.ZERO, null);
    }

    /** {@code granted} of more asked for; the next token in {@code retryAfter} (at least a nanosecond). */
    public static Grant partial(long granted, Duration retryAfter, String limitedBy) {
        return new Grant(granted, retryAfter.isZero() ? Duration.ofNanos(1) : retryAfter,
                Objects.requireNonNull(limitedBy, "limitedBy"));
    }

    /** True if fewer tokens were granted than asked for. */
    public boolean shortened() {
        return limitedBy != null;
    }

    /** {@link #retryAfter()} in whole seconds, rounded up (for an HTTP Retry-After header). */
    public long retryAfterSeconds() {
        long seconds = retryAfter.getSeconds();
        return retryAfter.getNano() > 0 ? seconds + 1 : seconds;
    }

    Grant limitedBy(String what) {
        return shortened() ? new Grant(granted, retryAfter, what) : this;
    }
}
