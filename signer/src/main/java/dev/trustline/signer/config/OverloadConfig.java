package dev.trustline.signer.config;

import dev.trustline.core.config.Problems;

/**
 * signer.yaml limits against overload and slow clients: batch requests in progress at once (all
 * stations, and per station; one more is shed with 503 + Retry-After), and the slowest upload accepted
 * (a body arriving slower than this, or silent for body-idle-timeout-seconds, is cut off with 408
 * instead of holding a thread).
 */
public record OverloadConfig(int maxConcurrentBatches, int maxConcurrentPerStation, long minRequestBytesPerSecond,
                             int bodyIdleTimeoutSeconds) {

    static OverloadConfig from(SignerFile.LimitsConfig l, int workers, Problems p) {
        int total = l == null || l.maxConcurrentBatches() == null ? 2 * workers : l.maxConcurrentBatches();
        int perStation = l == null || l.maxConcurrentPerStation() == null ? 4 : l.maxConcurrentPerStation();
        long rate = l == null || l.minRequestBytesPerSecond() == null ? 4096 : l.minRequestBytesPerSecond();
        int idle = l == null || l.bodyIdleTimeoutSeconds() == null ? 10 : l.bodyIdleTimeoutSeconds();
        p.require(idle >= 1 && idle <= 3600, "limits.body-idle-timeout-seconds", "must be between 1 and 3600");
        p.require(total >= 1 && total <= 1024, "limits.max-concurrent-batches", "must be between 1 and 1024");
        p.require(perStation >= 1 && perStation <= 1024, "limits.max-concurrent-per-station", "must be between 1 and 1024");
        p.require(rate >= 0 && rate <= (1L << 30), "limits.min-request-bytes-per-second", "must be between 0 (off) and 1 GiB");
        return new OverloadConfig(total, perStation, rate, idle);
    }
}
