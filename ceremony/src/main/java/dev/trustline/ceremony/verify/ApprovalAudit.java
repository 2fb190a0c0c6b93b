package dev.trustline.ceremony.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.verify.TranscriptAuditor.AuditFailure;
import dev.trustline.core.chain.CanonicalJson;
import dev.trustline.core.chain.ChainEntry;
import dev.trustline.core.quorum.ApprovalSubject;
import dev.trustline.core.x509.Digests;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Checks officer approvals against the rosters recorded in the transcript: every signing step under a
 * quorum token has M distinct, valid officer signatures over the digest binding the ceremony file,
 * the step and the exact signed bytes, recorded before the signature; the end entry carries M
 * signatures over the chain head before it. A production run without quorum fails.
 */
final class ApprovalAudit {
    /** A roster: threshold and each officer's approval key; {@code origin} is the auditor's file or "transcript". */
    record RosterKeys(String rosterId, String sha256, int threshold, Map<String, PublicKey> keys, String origin) {
    }

    private final Map<String, RosterKeys> rosters = new HashMap<>();
    private final Map<String, RosterKeys> pinned;

    /** {@code pinned}: the rosters the auditor holds, by roster id (empty when none were given). */
    ApprovalAudit(Map<String, RosterKeys> pinned) {
        this.pinned = Map.copyOf(pinned);
    }
    private final Map<String, JsonNode> approvals = new HashMap<>();
    private String ceremonySha = "";
    private int approvedSignatures;

    /** How many signatures (and the end) carried a verified quorum of approvals. */
    int approvedSignatures() {
        return approvedSignatures;
    }
    private boolean productionRun;

    Map<String, RosterKeys> rosters() {
        return rosters;
    }

    /** After the last entry: every roster the auditor gave must have guarded a token here. */
    void requireEveryPinUsed() throws AuditFailure {
        Set<String> used = new HashSet<>();
        rosters.values().forEach(r -> used.add(r.rosterId()));
        for (RosterKeys pin : pinned.values()) {
            if (!used.contains(pin.rosterId())) {
                throw new AuditFailure(null, "--roster " + pin.origin() + " (roster " + pin.rosterId()
                        + ") matches no token in this transcript");
            }
        }
    }

    void check(ChainEntry e) throws AuditFailure {
        ObjectNode p = e.payload();
        switch (e.type()) {
            case "start" -> {
                ceremonySha = p.path("ceremony-sha256").asText();
                productionRun = "run".equals(p.path("mode").asText()) && "production".equals(p.path("environment").asText());
                if (productionRun && pinned.isEmpty()) {
                    throw new AuditFailure(e, "a production run is verified against the rosters the auditor holds: give --roster officers.json");
                }
            }
            case "roster" -> rosters.put(p.path("token").asText(), pinnedOrRecorded(e, roster(e, p)));
            case "approvals" -> approvals.put(p.path("step").asText(), p);
            case "signed", "key-destroyed" -> signed(e, p);
            case "end" -> end(e, p);
            default -> { }
        }
    }

    private void signed(ChainEntry e, ObjectNode p) throws AuditFailure {
        String step = p.path("step").asText();
        String token = p.path("token").asText();
        RosterKeys roster = rosters.get(token);
        if (roster == null) {
            if (productionRun) {
                throw new AuditFailure(e, "step '" + step + "' was signed in a production run without officer quorum");
            }
            return;
        }
        JsonNode a = approvals.get(step);
        if (a == null || !token.equals(a.path("token").asText())) {
            throw new AuditFailure(e, "step '" + step + "' was signed without officer approvals recorded before it");
        }
        byte[] tbsSha;
        try {
            tbsSha = HexFormat.of().parseHex(p.path("tbs-sha256").asText());
        } catch (IllegalArgumentException ex) {
            throw new AuditFailure(e, "tbs-sha256 of step '" + step + "' is not hex");
        }
        verify(e, step, a, roster, ApprovalSubject.digestHex(ceremonySha, step, tbsSha));
    }

    /** The end's approvals sign the canonical JSON of the end entry without its approvals. */
    private void end(ChainEntry e, ObjectNode p) throws AuditFailure {
        ObjectNode body = p.deepCopy();
        body.remove("approvals");
        String expected;
        try {
            expected = ApprovalSubject.digestHex(ceremonySha, "end", Digests.sha256(CanonicalJson.encode(body)));
        } catch (IllegalArgumentException ex) {
            throw new AuditFailure(e, "the end entry has no canonical form: " + ex.getMessage());
        }
        for (Map.Entry<String, RosterKeys> r : rosters.entrySet()) {
            JsonNode found = null;
            for (JsonNode a : p.path("approvals")) {
                found = r.getKey().equals(a.path("token").asText()) ? a : found;
            }
            if (found == null) {
                throw new AuditFailure(e, "the end is not signed by the officers of token '" + r.getKey() + "'");
            }
            verify(e, "end", found, r.getValue(), expected);
        }
    }

    private void verify(ChainEntry e, String step, JsonNode a, RosterKeys roster, String expectedDigest)
            throws AuditFailure {
        if (!expectedDigest.equals(a.path("digest").asText())) {
            throw new AuditFailure(e, "the approvals of step '" + step + "' are for other bytes (digest differs)");
        }
        Set<String> distinct = new HashSet<>();
        for (JsonNode one : a.path("approvals")) {
            String officer = one.path("officer").asText();
            PublicKey key = roster.keys().get(officer);
            if (key == null) {
                throw new AuditFailure(e, "approval of step '" + step + "' by '" + officer + "', who is not on roster " + roster.rosterId());
            }
            if (!signatureValid(key, expectedDigest, one.path("signature").asText())) {
                throw new AuditFailure(e, "approval of step '" + step + "' by '" + officer + "' does not verify");
            }
            distinct.add(officer);
        }
        if (distinct.size() < roster.threshold()) {
            throw new AuditFailure(e, "step '" + step + "' has " + distinct.size() + " of the " + roster.threshold()
                    + " officer approvals it needs");
        }
        approvedSignatures++;
    }

    private static boolean signatureValid(PublicKey key, String digestHex, String signatureBase64) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(HexFormat.of().parseHex(digestHex));
            return s.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException ex) {
            return false;
        }
    }

    /** With pins, every recorded roster must be one the auditor holds, identical in keys and threshold. */
    private RosterKeys pinnedOrRecorded(ChainEntry e, RosterKeys recorded) throws AuditFailure {
        if (pinned.isEmpty()) {
            return recorded;
        }
        RosterKeys pin = pinned.get(recorded.rosterId());
        if (pin == null) {
            throw new AuditFailure(e, "roster " + recorded.rosterId() + " is not one of the rosters given with --roster");
        }
        if (!pin.sha256().equals(recorded.sha256()) || pin.threshold() != recorded.threshold() || !sameKeys(pin, recorded)) {
            throw new AuditFailure(e, "the transcript's roster " + recorded.rosterId() + " differs from the roster file the auditor holds");
        }
        return pin;
    }

    private static boolean sameKeys(RosterKeys a, RosterKeys b) {
        if (!a.keys().keySet().equals(b.keys().keySet())) {
            return false;
        }
        return a.keys().entrySet().stream().allMatch(k -> java.util.Arrays.equals(k.getValue().getEncoded(), b.keys().get(k.getKey()).getEncoded()));
    }

    private static RosterKeys roster(ChainEntry e, ObjectNode p) throws AuditFailure {
        Map<String, PublicKey> keys = new HashMap<>();
        try {
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            for (JsonNode o : p.path("officers")) {
                byte[] spki = Base64.getDecoder().decode(o.path("approval-public-key").asText());
                keys.put(o.path("id").asText(), kf.generatePublic(new X509EncodedKeySpec(spki)));
            }
        } catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new AuditFailure(e, "the roster's officer keys do not parse");
        }
        int threshold = p.path("threshold").asInt(0);
        if (threshold < 1 || threshold > keys.size()) {
            throw new AuditFailure(e, "the roster's threshold " + threshold + " is not between 1 and " + keys.size());
        }
        return new RosterKeys(p.path("roster-id").asText(), p.path("roster-sha256").asText(), threshold, Map.copyOf(keys), "transcript");
    }
}
