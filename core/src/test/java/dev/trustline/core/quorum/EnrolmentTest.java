package dev.trustline.core.quorum;

import dev.trustline.core.Environment;
import static dev.trustline.core.quorum.QuorumFixtures.assertNoPassphrase;
import static dev.trustline.core.quorum.QuorumFixtures.assertRefused;
import static dev.trustline.core.quorum.QuorumFixtures.assertSameSecret;
import static dev.trustline.core.quorum.QuorumFixtures.passphrase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrolmentTest {
    private static final PassphrasePrompt RIGHT = card -> passphrase(card.officerId());

    @TempDir
    Path dir;

    private List<OfficerCard> writeAndReadBack(List<OfficerCard> cards) throws QuorumException {
        List<OfficerCard> read = new ArrayList<>();
        for (OfficerCard card : cards) {
            Path path = dir.resolve(card.officerId() + ".card.json");
            card.write(path);
            read.add(OfficerCard.read(path));
        }
        return read;
    }

    @Test
    void enrol_threeOfFive_cardsVerifyAndRebuildPin() throws QuorumException {
        try (EnrolmentResult result = QuorumFixtures.enrolTest(3, 5)) {
            Roster roster = result.roster();
            assertEquals(3, roster.threshold());
            assertEquals(List.of("alice", "bob", "carol", "dave", "erin"),
                    roster.officers().stream().map(RosterOfficer::id).toList());
            assertEquals(result.activationSecret().checkHex(), roster.activationCheck());
            List<OfficerCard> cards = writeAndReadBack(result.cards());
            AtomicInteger prompts = new AtomicInteger();
            Enrolment.verifyAllCardsUnlock(roster, cards, card -> {
                prompts.incrementAndGet();
                return passphrase(card.officerId());
            });
            assertEquals(5, prompts.get(), "each card is unlocked exactly once");
            roster.write(dir.resolve("officers.json"));
            assertSamePin(result.activationSecret(), rebuild(Roster.read(dir.resolve("officers.json")), cards, 1, 3, 4));
        }
    }

    private static ActivationSecret rebuild(Roster roster, List<OfficerCard> cards, int... picks) throws QuorumException {
        Map<Integer, byte[]> shares = new TreeMap<>();
        for (int pick : picks) {
            OfficerCard card = cards.get(pick);
            CardCheck.againstRoster(roster, card);
            try (UnlockedCard unlocked = card.unlock(passphrase(card.officerId()))) {
                shares.put(unlocked.shareIndex(), unlocked.share());
            }
        }
        byte[] secret = ShamirSplit.joinVerified(shares, roster.threshold(), roster.activationCheck());
        try {
            return ActivationSecret.of(secret);
        } finally {
            Bytes.wipe(secret);
            shares.values().forEach(Bytes::wipe);
        }
    }

    private static void assertSamePin(ActivationSecret expected, ActivationSecret actual) {
        char[] a = expected.toPin();
        char[] b = actual.toPin();
        assertTrue(java.util.Arrays.equals(a, b), "rebuilt PIN differs (not shown)");
        Bytes.wipe(a);
        Bytes.wipe(b);
        actual.wipe();
    }

    @Test
    void enrol_thresholdOneInTest_everyCardAloneRebuilds() throws QuorumException {
        try (EnrolmentResult result = QuorumFixtures.enrolTest(1, 2)) {
            Enrolment.verifyAllCardsUnlock(result.roster(), result.cards(), RIGHT);
            assertSamePin(result.activationSecret(), rebuild(result.roster(), result.cards(), 1));
        }
    }

    @Test
    void enrol_thresholdEqualsN_needsEveryCard() throws QuorumException {
        try (EnrolmentResult result = QuorumFixtures.enrolTest(3, 3)) {
            Enrolment.verifyAllCardsUnlock(result.roster(), result.cards(), RIGHT);
            assertSamePin(result.activationSecret(), rebuild(result.roster(), result.cards(), 0, 1, 2));
            assertRefused(() -> rebuild(result.roster(), result.cards(), 0, 2), "need 3 distinct officers, got 2");
        }
    }

    @Test
    void enrol_productionWithTestKdf_isRefused() {
        EnrolmentRequest request = new EnrolmentRequest("root", Environment.PRODUCTION, 2, KdfParams.forTests());
        assertRefused(() -> Enrolment.enrol(request, QuorumFixtures.officers(3), QuorumFixtures.RANDOM, QuorumFixtures.NOW),
                "card KDF memory 8192 KiB is below the production floor of 262144 KiB");
    }

    @Test
    void enrol_productionThresholdOne_isRefusedBeforeAnyDerivation() {
        EnrolmentRequest request = new EnrolmentRequest("root", Environment.PRODUCTION, 1, KdfParams.production());
        assertRefused(() -> Enrolment.enrol(request, QuorumFixtures.officers(3), QuorumFixtures.RANDOM, QuorumFixtures.NOW),
                "threshold 1 is allowed only in a test environment");
    }

    @Test
    void enrol_duplicateOfficer_isRefused() {
        List<OfficerEnrolment> officers = new ArrayList<>(QuorumFixtures.officers(2));
        officers.add(new OfficerEnrolment("alice", "Second Alice", passphrase("alice")));
        EnrolmentRequest request = new EnrolmentRequest("root", Environment.TEST, 2, KdfParams.forTests());
        assertRefused(() -> Enrolment.enrol(request, officers, QuorumFixtures.RANDOM, QuorumFixtures.NOW),
                "duplicate officer id 'alice'");
    }

    @Test
    void verifyAllCardsUnlock_oneWrongPassphrase_namesThatCard() throws QuorumException {
        try (EnrolmentResult result = QuorumFixtures.enrolTest(2, 3)) {
            List<OfficerCard> cards = writeAndReadBack(result.cards());
            PassphrasePrompt carolForgot = card -> passphrase(card.officerId().equals("carol") ? "dave" : card.officerId());
            QuorumException e = assertRefused(() -> Enrolment.verifyAllCardsUnlock(result.roster(), cards, carolForgot),
                    "card of officer 'carol' (" + dir.resolve("carol.card.json") + "): wrong passphrase or the card was altered");
            assertNoPassphrase(e, "dave");
        }
    }

    @Test
    void verifyAllCardsUnlock_missingOrForeignCard_isRefused() throws QuorumException {
        try (EnrolmentResult result = QuorumFixtures.enrolTest(2, 3);
             EnrolmentResult other = QuorumFixtures.enrolTest(2, 3)) {
            List<OfficerCard> two = result.cards().subList(0, 2);
            assertRefused(() -> Enrolment.verifyAllCardsUnlock(result.roster(), two, RIGHT),
                    "no card given for officer 'carol'");
            List<OfficerCard> mixed = new ArrayList<>(two);
            mixed.add(other.cards().get(2));
            assertRefused(() -> Enrolment.verifyAllCardsUnlock(result.roster(), mixed, RIGHT),
                    "card of officer 'carol' (not yet written) belongs to roster " + other.roster().rosterId());
            List<OfficerCard> twice = new ArrayList<>(result.cards());
            twice.add(result.cards().get(0));
            assertRefused(() -> Enrolment.verifyAllCardsUnlock(result.roster(), twice, RIGHT),
                    "more than one card for officer 'alice'");
        }
    }

    @Test
    void cardCheck_testCardAgainstProductionRoster_isRefused() throws QuorumException {
        try (EnrolmentResult result = QuorumFixtures.enrolTest(2, 3)) {
            Roster test = result.roster();
            Roster production = Roster.from(new RosterDraft(test.rosterId(), test.tokenLabel(), Environment.PRODUCTION,
                    2, test.officers(), test.activationCheck(), test.createdAt()));
            assertRefused(() -> CardCheck.againstRoster(production, result.cards().get(0)),
                    "card of officer 'alice' (not yet written): card KDF memory 8192 KiB is below the production floor");
        }
    }
}
