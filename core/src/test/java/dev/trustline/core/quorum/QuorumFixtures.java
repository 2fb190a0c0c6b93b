package dev.trustline.core.quorum;

import dev.trustline.core.Environment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Shared set-up for the quorum tests. Secrets are compared without ever printing them. */
final class QuorumFixtures {
    static final SecureRandom RANDOM = new SecureRandom();
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final String[] IDS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
        "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent"};

    private QuorumFixtures() {
    }

    static char[] passphrase(String officerId) {
        return (officerId + " correct horse battery").toCharArray();
    }

    static List<OfficerEnrolment> officers(int n) {
        List<OfficerEnrolment> officers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            officers.add(new OfficerEnrolment(IDS[i], "Officer " + IDS[i], passphrase(IDS[i])));
        }
        return officers;
    }

    static EnrolmentResult enrolTest(int m, int n) throws QuorumException {
        EnrolmentRequest request = new EnrolmentRequest("trustline-test", Environment.TEST, m, KdfParams.forTests());
        return Enrolment.enrol(request, officers(n), RANDOM, NOW);
    }

    static OfficerCard card(String officerId, String rosterId, int index, byte[] share) throws QuorumException {
        return OfficerCard.create(officerId, "Officer " + officerId, rosterId, index, share,
                passphrase(officerId), KdfParams.forTests(), RANDOM);
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Equality of secret bytes without printing them on failure. */
    static void assertSameSecret(byte[] expected, byte[] actual, String what) {
        assertTrue(Arrays.equals(expected, actual), what + " differs (bytes not shown)");
    }

    /** Runs {@code call}, expects a QuorumException and checks it names the given parts. */
    static QuorumException assertRefused(Executable call, String... parts) {
        QuorumException e = assertThrows(QuorumException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
        return e;
    }

    static void assertNoPassphrase(Exception e, String officerId) {
        assertFalse(e.getMessage().contains(new String(passphrase(officerId))), "message echoes the passphrase");
        assertEquals(-1, e.getMessage().indexOf("correct horse"), "message echoes the passphrase");
    }
}
