package dev.trustline.core.quorum;

import com.codahale.shamir.Scheme;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * M-of-N Shamir secret sharing over GF(256) (com.codahale.shamir). Share indices are 1..N.
 * Threshold 1 is handled here (every share is the secret itself); whether it is allowed is the
 * {@link Roster}'s decision. Joining fewer than M shares silently yields wrong bytes, so use
 * {@link #joinVerified} with the roster's activation check.
 */
public final class ShamirSplit {
    public static final int MAX_OFFICERS = 16;
    /** Any valid scheme: codahale's join does not depend on n or k. */
    private static final Scheme JOINER = new Scheme(new SecureRandom(), 2, 2);

    private ShamirSplit() {
    }

    /** Splits {@code secret} into {@code n} shares of which any {@code m} rebuild it. */
    public static Map<Integer, byte[]> split(byte[] secret, int n, int m, SecureRandom random) {
        if (m < 1 || m > n || n > MAX_OFFICERS) {
            throw new IllegalArgumentException("need 1 <= M <= N <= " + MAX_OFFICERS + ", got M=" + m + " N=" + n);
        }
        if (secret.length == 0) {
            throw new IllegalArgumentException("the secret must not be empty");
        }
        if (m == 1) {
            Map<Integer, byte[]> shares = new TreeMap<>();
            for (int i = 1; i <= n; i++) {
                shares.put(i, secret.clone());
            }
            return shares;
        }
        return new TreeMap<>(new Scheme(random, n, m).split(secret));
    }

    /** Interpolates the shares, unverified: fewer than M shares give wrong bytes without error. */
    public static byte[] join(Map<Integer, byte[]> shares) {
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("no shares to join");
        }
        for (Map.Entry<Integer, byte[]> share : shares.entrySet()) {
            int index = share.getKey();
            if (index < 1 || index > ShareCodec.MAX_INDEX) {
                throw new IllegalArgumentException("share index " + index + " is outside 1.." + ShareCodec.MAX_INDEX);
            }
        }
        return JOINER.join(new HashMap<>(shares));
    }

    /**
     * Joins at least {@code threshold} distinct shares and confirms the result against
     * {@code checkHex} (see {@link ActivationCheck}). The caller wipes the returned secret.
     */
    public static byte[] joinVerified(Map<Integer, byte[]> shares, int threshold, String checkHex)
            throws QuorumException {
        if (shares.size() < threshold) {
            throw new QuorumException("need " + threshold + " distinct officers, got " + shares.size());
        }
        if (shares.values().stream().mapToInt(s -> s.length).distinct().count() != 1) {
            throw new QuorumException("the shares have different lengths: they do not belong to one split");
        }
        byte[] secret = join(shares);
        if (!ActivationCheck.matches(secret, checkHex)) {
            Bytes.wipe(secret);
            throw new QuorumException("reconstructed activation secret does not match the roster's check value");
        }
        return secret;
    }
}
