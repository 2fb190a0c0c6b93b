package dev.trustline.core.quorum;

import static dev.trustline.core.quorum.QuorumFixtures.RANDOM;
import static dev.trustline.core.quorum.QuorumFixtures.assertRefused;
import static dev.trustline.core.quorum.QuorumFixtures.assertSameSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ShamirSplitTest {
    private static List<Map<Integer, byte[]>> subsets(Map<Integer, byte[]> shares, int size) {
        List<Map<Integer, byte[]>> result = new ArrayList<>();
        List<Integer> keys = new ArrayList<>(shares.keySet());
        for (int mask = 0; mask < (1 << keys.size()); mask++) {
            if (Integer.bitCount(mask) == size) {
                Map<Integer, byte[]> subset = new TreeMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    if ((mask & (1 << i)) != 0) {
                        subset.put(keys.get(i), shares.get(keys.get(i)));
                    }
                }
                result.add(subset);
            }
        }
        return result;
    }

    @Test
    void join_everyThreeOfFiveSubset_reconstructsSecret() throws QuorumException {
        byte[] secret = QuorumFixtures.randomBytes(32);
        String check = ActivationCheck.compute(secret);
        Map<Integer, byte[]> shares = ShamirSplit.split(secret, 5, 3, RANDOM);
        List<Map<Integer, byte[]>> triples = subsets(shares, 3);
        assertEquals(10, triples.size());
        for (Map<Integer, byte[]> subset : triples) {
            assertSameSecret(secret, ShamirSplit.join(subset), "join of " + subset.keySet());
            assertSameSecret(secret, ShamirSplit.joinVerified(subset, 3, check), "verified join of " + subset.keySet());
        }
        assertSameSecret(secret, ShamirSplit.joinVerified(shares, 3, check), "join of all five");
    }

    @Test
    void joinVerified_everyTwoOfFiveSubset_isRefused() {
        byte[] secret = QuorumFixtures.randomBytes(32);
        String check = ActivationCheck.compute(secret);
        Map<Integer, byte[]> shares = ShamirSplit.split(secret, 5, 3, RANDOM);
        List<Map<Integer, byte[]>> pairs = subsets(shares, 2);
        assertEquals(10, pairs.size());
        for (Map<Integer, byte[]> pair : pairs) {
            assertRefused(() -> ShamirSplit.joinVerified(pair, 3, check), "need 3 distinct officers, got 2");
            // a caller lying about the threshold still gets caught by the check value
            assertRefused(() -> ShamirSplit.joinVerified(pair, 2, check),
                    "reconstructed activation secret does not match the roster's check value");
        }
    }

    @Test
    void split_thresholdOne_everyShareIsTheSecret() throws QuorumException {
        byte[] secret = QuorumFixtures.randomBytes(32);
        Map<Integer, byte[]> shares = ShamirSplit.split(secret, 3, 1, RANDOM);
        assertEquals(List.of(1, 2, 3), new ArrayList<>(shares.keySet()));
        for (Map.Entry<Integer, byte[]> share : shares.entrySet()) {
            assertSameSecret(secret, share.getValue(), "share " + share.getKey());
            assertSameSecret(secret, ShamirSplit.joinVerified(Map.of(share.getKey(), share.getValue()), 1,
                    ActivationCheck.compute(secret)), "join of share " + share.getKey());
        }
        assertSameSecret(secret, ShamirSplit.join(shares), "join of all three identical shares");
    }

    @Test
    void split_thresholdEqualsN_needsAllShares() throws QuorumException {
        byte[] secret = QuorumFixtures.randomBytes(32);
        String check = ActivationCheck.compute(secret);
        Map<Integer, byte[]> shares = ShamirSplit.split(secret, 4, 4, RANDOM);
        assertSameSecret(secret, ShamirSplit.joinVerified(shares, 4, check), "join of all four");
        for (Map<Integer, byte[]> three : subsets(shares, 3)) {
            assertRefused(() -> ShamirSplit.joinVerified(three, 4, check), "need 4 distinct officers, got 3");
            assertFalse(Arrays.equals(secret, ShamirSplit.join(three)), "three of four must not rebuild the secret");
        }
    }

    @Test
    void split_oneOfOne_isTheSecret() throws QuorumException {
        byte[] secret = QuorumFixtures.randomBytes(32);
        Map<Integer, byte[]> shares = ShamirSplit.split(secret, 1, 1, RANDOM);
        assertSameSecret(secret, ShamirSplit.joinVerified(shares, 1, ActivationCheck.compute(secret)), "1-of-1");
    }

    /** f(x) = s + x over GF(256): f(1) = s^1, f(2) = s^2, whatever the field polynomial. */
    @Test
    void join_knownAnswer_degreeOne() {
        byte s = 0x42;
        Map<Integer, byte[]> shares = Map.of(1, new byte[] {(byte) (s ^ 1)}, 2, new byte[] {(byte) (s ^ 2)});
        assertEquals(s, ShamirSplit.join(shares)[0]);
    }

    /** f(x) = s + x^2: f(1) = s^1, f(2) = s^4, f(3) = s^5 (3*3 = x^2+1 in any GF(2^8)). */
    @Test
    void join_knownAnswer_degreeTwo() {
        byte[] s = {0x00, 0x7f, (byte) 0xa5};
        Map<Integer, byte[]> shares = new TreeMap<>();
        int[] square = {0, 1, 4, 5};
        for (int x = 1; x <= 3; x++) {
            byte[] y = new byte[s.length];
            for (int i = 0; i < s.length; i++) {
                y[i] = (byte) (s[i] ^ square[x]);
            }
            shares.put(x, y);
        }
        assertTrue(Arrays.equals(s, ShamirSplit.join(shares)));
    }

    @Test
    void split_randomParameters_anyMSharesRebuildAndSharesDiffer() {
        for (int round = 0; round < 50; round++) {
            int n = 2 + RANDOM.nextInt(15);
            int m = 2 + RANDOM.nextInt(n - 1);
            byte[] secret = QuorumFixtures.randomBytes(1 + RANDOM.nextInt(64));
            Map<Integer, byte[]> shares = ShamirSplit.split(secret, n, m, RANDOM);
            assertEquals(n, shares.size());
            List<Integer> keys = new ArrayList<>(shares.keySet());
            java.util.Collections.shuffle(keys, RANDOM);
            Map<Integer, byte[]> pick = new TreeMap<>();
            keys.subList(0, m).forEach(k -> pick.put(k, shares.get(k)));
            assertSameSecret(secret, ShamirSplit.join(pick), m + "-of-" + n + " join");
            shares.values().forEach(share -> assertEquals(secret.length, share.length));
        }
    }

    @Test
    void split_outOfRangeParameters_areRefused() {
        byte[] secret = new byte[32];
        assertThrows(IllegalArgumentException.class, () -> ShamirSplit.split(secret, 3, 0, RANDOM));
        assertThrows(IllegalArgumentException.class, () -> ShamirSplit.split(secret, 3, 4, RANDOM));
        assertThrows(IllegalArgumentException.class, () -> ShamirSplit.split(secret, 17, 3, RANDOM));
        assertThrows(IllegalArgumentException.class, () -> ShamirSplit.split(new byte[0], 3, 2, RANDOM));
    }

    @Test
    void joinVerified_sharesOfAnotherSplit_areRefused() {
        byte[] secret = QuorumFixtures.randomBytes(32);
        Map<Integer, byte[]> other = ShamirSplit.split(QuorumFixtures.randomBytes(32), 5, 3, RANDOM);
        assertRefused(() -> ShamirSplit.joinVerified(other, 3, ActivationCheck.compute(secret)),
                "does not match the roster's check value");
    }
}
