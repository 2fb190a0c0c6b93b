package dev.trustline.ceremony.quorum;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.console.Confirmer;
import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.chain.PgpWords;
import dev.trustline.core.quorum.ActivationSecret;
import dev.trustline.core.quorum.Approval;
import dev.trustline.core.quorum.ApprovalSubject;
import dev.trustline.core.quorum.CardCheck;
import dev.trustline.core.quorum.OfficerCard;
import dev.trustline.core.quorum.QuorumCheck;
import dev.trustline.core.quorum.QuorumException;
import dev.trustline.core.quorum.Roster;
import dev.trustline.core.quorum.ShamirSplit;
import dev.trustline.core.quorum.UnlockedCard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * M of N officers for one token: each present officer unlocks their card, the activation secret is
 * rebuilt in memory only (to log in, then wiped) and the unlocked cards are wiped with it. Every
 * approval needs the officer again: their yes and their passphrase, which opens the card just long
 * enough to sign. Failed unlocks are recorded (officer and time, never what was typed).
 */
public final class OfficerQuorum implements AutoCloseable {
    private final String tokenName;
    private final Roster roster;
    private final Map<String, UnlockedCard> unlocked;
    private final Map<String, OfficerCard> cards = new LinkedHashMap<>();
    private final PassphraseSource passphrases;

    private OfficerQuorum(String tokenName, Roster roster, Map<String, UnlockedCard> unlocked, List<OfficerCard> all,
                          PassphraseSource passphrases) {
        this.tokenName = tokenName;
        this.roster = roster;
        this.unlocked = unlocked;
        this.passphrases = passphrases;
        for (OfficerCard c : all) {
            if (c.rosterId().equals(roster.rosterId()) && unlocked.containsKey(c.officerId())) {
                cards.putIfAbsent(c.officerId(), c);
            }
        }
    }

    /** Unlocks the cards of {@code roster} among {@code cards}; fails unless M distinct officers succeed. */
    public static OfficerQuorum activate(String tokenName, Roster roster, List<OfficerCard> cards,
                                         PassphraseSource passphrases, Transcript transcript) throws TrustLineException {
        transcript.append("roster", RosterEntry.payload(tokenName, roster).put("passphrases", passphrases.mode()));
        Map<String, UnlockedCard> unlocked = new LinkedHashMap<>();
        try {
            for (OfficerCard card : cards) {
                if (card.rosterId().equals(roster.rosterId())) {
                    unlockOne(tokenName, roster, card, passphrases, transcript, unlocked);
                }
            }
            if (unlocked.size() < roster.threshold()) {
                throw new QuorumException("token '" + tokenName + "' needs " + roster.threshold() + " distinct officers; "
                        + unlocked.size() + " unlocked their cards");
            }
            return new OfficerQuorum(tokenName, roster, unlocked, cards, passphrases);
        } catch (TrustLineException | RuntimeException e) {
            unlocked.values().forEach(UnlockedCard::close);
            throw e;
        }
    }

    private static void unlockOne(String tokenName, Roster roster, OfficerCard card, PassphraseSource passphrases,
                                  Transcript transcript, Map<String, UnlockedCard> unlocked) throws TrustLineException {
        if (unlocked.containsKey(card.officerId())) {
            transcript.append("unlock-failed", unlockPayload(tokenName, card).put("reason", "officer already counted"));
            return;
        }
        char[] passphrase = null;
        try {
            CardCheck.againstRoster(roster, card);
            passphrase = passphrases.passphrase(card.officerId(), "unlock card for token " + tokenName);
            unlocked.put(card.officerId(), card.unlock(passphrase));
            transcript.append("unlock", unlockPayload(tokenName, card));
        } catch (QuorumException e) {
            transcript.append("unlock-failed", unlockPayload(tokenName, card).put("reason", "wrong passphrase, altered card or not on the roster"));
        } finally {
            PassphraseStrength.wipe(passphrase);
        }
    }

    private static ObjectNode unlockPayload(String tokenName, OfficerCard card) {
        return Transcript.payload().put("token", tokenName).put("officer", card.officerId())
                .put("card", card.origin() == null ? "" : String.valueOf(java.nio.file.Path.of(card.origin()).getFileName()));
    }

    /** Rebuilds the token PIN from M shares, checked against the roster; the caller wipes it. */
    public char[] pin(Transcript transcript) throws TrustLineException {
        try (ActivationSecret secret = activationSecret(transcript)) {
            return secret.toPin();
        }
    }

    /** Rebuilds the activation secret from M shares, checked against the roster; the caller closes it. */
    public ActivationSecret activationSecret(Transcript transcript) throws TrustLineException {
        Map<Integer, byte[]> shares = new HashMap<>();
        for (UnlockedCard card : unlocked.values()) {
            shares.put(card.shareIndex(), card.share());
        }
        try {
            byte[] joined = ShamirSplit.joinVerified(shares, roster.threshold(), roster.activationCheck());
            ActivationSecret secret;
            try {
                secret = ActivationSecret.of(joined);
            } finally {
                Arrays.fill(joined, (byte) 0);
            }
            ArrayNode officers = Transcript.payload().arrayNode();
            unlocked.keySet().forEach(officers::add);
            ObjectNode p = Transcript.payload().put("token", tokenName).put("roster-id", roster.rosterId());
            p.set("officers", officers);
            transcript.append("activation", p);
            return secret;
        } finally {
            shares.values().forEach(b -> Arrays.fill(b, (byte) 0));
            unlocked.values().forEach(UnlockedCard::close); // shares and approval keys leave memory now
        }
    }

    /** M officers approve signing {@code bytes} in {@code stepId}; recorded before the HSM signs. */
    public void approve(String ceremonySha256, String stepId, byte[] bytes, Confirmer confirmer,
                        Transcript transcript) throws TrustLineException {
        transcript.append("approvals", collect(ceremonySha256, stepId, bytes, confirmer));
    }

    /**
     * M officers sign the ceremony's end: {@code endBody}, the canonical JSON of the end entry without its
     * approvals (outputs, steps, chain head before it). The returned object goes into the end entry
     * itself, so the transcript's last entry carries the officers' signatures over its own content.
     */
    public ObjectNode approveEnd(String ceremonySha256, byte[] endBody, Confirmer confirmer) throws TrustLineException {
        return collect(ceremonySha256, "end", endBody, confirmer);
    }

    private ObjectNode collect(String ceremonySha256, String stepId, byte[] bytes, Confirmer confirmer)
            throws TrustLineException {
        ApprovalSubject subject = new ApprovalSubject(ceremonySha256, stepId, bytes);
        List<Approval> approvals = new ArrayList<>();
        String words = PgpWords.ofHex(subject.digestHex().substring(0, 16));
        for (OfficerCard card : cards.values()) {
            if (approvals.size() < roster.threshold() && confirmer.approve(card.officerId(), stepId, words)) {
                signWithCard(card, subject, stepId).ifPresent(approvals::add);
            }
        }
        QuorumCheck.verify(roster, subject, approvals);
        return approvalsPayload(stepId, subject.digestHex(), approvals);
    }

    /** Opens the card with the officer's passphrase just to sign this approval; a wrong passphrase gives none. */
    private java.util.Optional<Approval> signWithCard(OfficerCard card, ApprovalSubject subject, String stepId)
            throws TrustLineException {
        char[] passphrase = passphrases.passphrase(card.officerId(), "approve step " + stepId);
        try (UnlockedCard open = card.unlock(passphrase)) {
            return java.util.Optional.of(Approval.sign(open, subject));
        } catch (QuorumException e) {
            return java.util.Optional.empty();
        } finally {
            PassphraseStrength.wipe(passphrase);
        }
    }

    private ObjectNode approvalsPayload(String stepId, String digestHex, List<Approval> approvals) {
        ObjectNode p = Transcript.payload().put("step", stepId).put("token", tokenName).put("roster-id", roster.rosterId())
                .put("digest", digestHex);
        ArrayNode list = p.putArray("approvals");
        for (Approval a : approvals) {
            list.addObject().put("officer", a.officerId()).put("signature", a.signatureBase64());
        }
        return p;
    }

    public String tokenName() {
        return tokenName;
    }

    public Roster roster() {
        return roster;
    }

    @Override
    public void close() {
        unlocked.values().forEach(UnlockedCard::close);
    }
}
