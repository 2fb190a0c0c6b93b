package dev.trustline.signer.limits;

/**
 * A rate limit as configured: a sustained rate and a burst.
 *
 * @param ratePerSecond tokens per second, positive (to 1/1000)
 * @param burst the most tokens available at once, at least 1
 */
public record RateLimit(double ratePerSecond, long burst) {

    public RateLimit {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond) || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
    }
}
