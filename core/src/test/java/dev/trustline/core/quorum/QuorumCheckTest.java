package dev.trustline.core.quorum;

import static dev.trustline.core.quorum.QuorumFixtures.assertRefused;
import static dev.trustline.core.quorum.QuorumFixtures.passphrase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QuorumCheckTest {
    private static final String CEREMONY = "c0".repeat(32);
    private static final byte[] TBS = "tbsCertificate bytes".getBytes(StandardCharsets.UTF_8);
    private static final ApprovalSubject ROOT = new ApprovalSubject(CEREMONY, "root", TBS);

    private static EnrolmentResult enrolment;
    private static Map<String, UnlockedCard> unlocked;

    @BeforeAll
    static void enrolThreeOfFive() throws QuorumException {
        enrolment = QuorumFixtures.enrolTest(3, 5);
        unlocked = new HashMap<>();
        for (OfficerCard card : enrolment.cards()) {
            unlocked.put(card.officerId(), card.unlock(passphrase(card.officerId())));
        }
    }

    @AfterAll
    static void wipe() {
        unlocked.values().forEach(UnlockedCard::close);
        enrolment.close();
    }

    private static List<Approval> approvals(ApprovalSubject subject, String... officers) {
        List<Approval> approvals = new ArrayList<>();
        for (String officer : officers) {
            approvals.add(Approval.sign(unlocked.get(officer), subject));
        }
        return approvals;
    }

    @Test
    void verify_threeDistinctOfficers_meetsQuorum() throws QuorumException {
        Set<String> approvers = QuorumCheck.verify(enrolment.roster(), ROOT, approvals(ROOT, "erin", "alice", "carol"));
        assertEquals(Set.of("alice", "carol", "erin"), approvers);
        List<Approval> all = approvals(ROOT, "alice", "bob", "carol", "dave", "erin");
        assertEquals(5, QuorumCheck.verify(enrolment.roster(), "root", ROOT.digestHex(), all).size());
    }

    @Test
    void verify_duplicateOfficer_countedOnce() {
        List<Approval> approvals = approvals(ROOT, "alice", "alice", "bob");
        approvals.add(Approval.sign(unlocked.get("alice"), ROOT));
        assertRefused(() -> QuorumCheck.verify(enrolment.roster(), ROOT, approvals),
                "step 'root' has 2 of the 3 approvals it needs");
    }

    @Test
    void verify_approvalOfDifferentStepContentOrCeremony_isRefused() {
        List<ApprovalSubject> others = List.of(
                new ApprovalSubject(CEREMONY, "issuing", TBS),
                new ApprovalSubject(CEREMONY, "root", "other tbs".getBytes(StandardCharsets.UTF_8)),
                new ApprovalSubject("c1".repeat(32), "root", TBS));
        for (ApprovalSubject other : others) {
            assertNotEquals(ROOT.digestHex(), other.digestHex());
            List<Approval> approvals = approvals(ROOT, "alice", "bob");
            approvals.add(Approval.sign(unlocked.get("carol"), other));
            assertRefused(() -> QuorumCheck.verify(enrolment.roster(), ROOT, approvals),
                    "approval by 'carol' is for a different ceremony, step or content");
        }
    }

    @Test
    void verify_signatureOverOtherDigest_doesNotVerify() {
        Approval real = Approval.sign(unlocked.get("bob"), new ApprovalSubject(CEREMONY, "issuing", TBS));
        Approval relabelled = new Approval("bob", ROOT.digestHex(), real.signatureBase64());
        List<Approval> approvals = approvals(ROOT, "alice", "carol");
        approvals.add(relabelled);
        assertRefused(() -> QuorumCheck.verify(enrolment.roster(), ROOT, approvals), "approval by 'bob' does not verify");
    }

    @Test
    void verify_approvalSignedByAnotherOfficer_doesNotVerify() {
        Approval byAlice = Approval.sign(unlocked.get("alice"), ROOT);
        List<Approval> approvals = approvals(ROOT, "alice", "carol");
        approvals.add(new Approval("bob", byAlice.digestHex(), byAlice.signatureBase64()));
        assertRefused(() -> QuorumCheck.verify(enrolment.roster(), ROOT, approvals), "approval by 'bob' does not verify");
        List<Approval> garbage = approvals(ROOT, "alice", "carol");
        garbage.add(new Approval("bob", ROOT.digestHex(), "not base64!"));
        assertRefused(() -> QuorumCheck.verify(enrolment.roster(), ROOT, garbage), "approval by 'bob' does not verify");
    }

    @Test
    void verify_unknownOfficer_isRefused() throws QuorumException {
        try (EnrolmentResult other = QuorumFixtures.enrolTest(1, 1);
             UnlockedCard stranger = other.cards().get(0).unlock(passphrase("alice"))) {
            Approval foreign = Approval.sign(stranger, ROOT);
            List<Approval> approvals = approvals(ROOT, "bob", "carol", "dave");
            approvals.add(new Approval("mallory", foreign.digestHex(), foreign.signatureBase64()));
            assertRefused(() -> QuorumCheck.verify(enrolment.roster(), ROOT, approvals),
                    "approval by unknown officer 'mallory'");
            // alice of another roster signing as alice of this roster does not verify either
            List<Approval> impostor = approvals(ROOT, "bob", "carol");
            impostor.add(foreign);
            assertRefused(() -> QuorumCheck.verify(enrolment.roster(), ROOT, impostor), "approval by 'alice' does not verify");
        }
    }

    @Test
    void digest_bindsEachPartWithSeparators() {
        ApprovalSubject a = new ApprovalSubject(CEREMONY, "ab", TBS);
        assertEquals(64, a.digestHex().length());
        assertEquals(a.digestHex(), new ApprovalSubject(CEREMONY, "ab", TBS.clone()).digestHex());
        assertNotEquals(a.digestHex(), new ApprovalSubject(CEREMONY, "ab ", TBS).digestHex());
    }

    @Test
    void digest_knownAnswer() throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        byte[] tbsHash = sha.digest(TBS);
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        expected.writeBytes("trustline-approval-v1".getBytes(StandardCharsets.US_ASCII));
        expected.write(0);
        expected.writeBytes(CEREMONY.getBytes(StandardCharsets.US_ASCII));
        expected.write(0);
        expected.writeBytes("root".getBytes(StandardCharsets.US_ASCII));
        expected.write(0);
        expected.writeBytes(tbsHash);
        assertEquals(java.util.HexFormat.of().formatHex(sha.digest(expected.toByteArray())), ROOT.digestHex());
    }
}
