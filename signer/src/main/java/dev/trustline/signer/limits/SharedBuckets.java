package dev.trustline.signer.limits;

import dev.trustline.core.TrustLineException;
import java.util.List;

/**
 * Token buckets kept outside this process (the signer's PostgreSQL database), so that every
 * signer instance sharing them draws on the same tokens: a policy's rate holds across instances.
 */
@FunctionalInterface
public interface SharedBuckets {

    /**
     * Takes the same number of tokens from every one of {@code buckets} at once, as many as the
     * emptiest of them holds but at most {@code n}; refills by elapsed time on one clock that every
     * instance shares (the database's), so the hosts' clocks do not matter.
     *
     * @param buckets one to a few buckets, distinct keys
     * @param n at least 1
     * @throws TrustLineException if the buckets cannot be read or written (nothing is taken then)
     */
    Grant take(List<RateBucket> buckets, long n) throws TrustLineException;
}
