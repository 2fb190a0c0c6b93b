package dev.trustline.ceremony.verify;

import dev.trustline.ceremony.verify.TranscriptAuditor.AuditFailure;
import dev.trustline.core.chain.ChainEntry;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What must hold between entries: known types, one start, nothing after end or abort, and for every
 * signature a passing lint entry and an accepted confirmation of the same TBS digest before "signed".
 */
final class SequenceRules {
    private static final Set<String> TYPES = Set.of("start", "token", "step-start", "key-generated", "lints",
            "confirmation", "signed", "output", "abort", "end", "roster", "unlock", "unlock-failed", "activation",
            "approvals", "roster-rotated", "existing-key", "key-destroyed");

    private final Map<String, String> lintedTbs = new HashMap<>();
    private final Map<String, String> confirmedTbs = new HashMap<>();
    private boolean ended;

    void check(ChainEntry e) throws AuditFailure {
        if (!TYPES.contains(e.type())) {
            throw new AuditFailure(e, "unknown entry type '" + e.type() + "'");
        }
        if (ended) {
            throw new AuditFailure(e, "an entry after the ceremony ended");
        }
        if (e.seq() > 0 && "start".equals(e.type())) {
            throw new AuditFailure(e, "a second 'start' entry");
        }
        ended = "end".equals(e.type()) || "abort".equals(e.type());
        track(e);
    }

    private void track(ChainEntry e) throws AuditFailure {
        String step = e.payload().path("step").asText();
        String tbs = e.payload().path("tbs-sha256").asText();
        switch (e.type()) {
            case "lints" -> {
                if ("pass".equals(e.payload().path("result").asText())) {
                    lintedTbs.put(step, tbs);
                }
            }
            case "confirmation" -> {
                if (e.payload().path("accepted").asBoolean(false)) {
                    confirmedTbs.put(step, tbs);
                }
            }
            case "signed" -> requireBeforeSigning(e, step, tbs);
            case "key-generated" -> requireSoundKey(e);
            case "key-destroyed" -> requireDestroyed(e, step, tbs);
            default -> { }
        }
    }

    /** A generated key must have been made on the token and never been extractable. */
    private static void requireSoundKey(ChainEntry e) throws AuditFailure {
        var p = e.payload();
        boolean sound = p.path("local").asBoolean(false) && p.path("always-sensitive").asBoolean(false)
                && p.path("never-extractable").asBoolean(false) && !p.path("extractable").asBoolean(true);
        if (!sound) {
            throw new AuditFailure(e, "key '" + p.path("key-label").asText() + "' was not generated as a local, always sensitive, never extractable key");
        }
    }

    /** A destroyed key: confirmed first, a private key among what was destroyed, nothing of it in the listing after. */
    private void requireDestroyed(ChainEntry e, String step, String tbs) throws AuditFailure {
        if (!tbs.equals(confirmedTbs.get(step))) {
            throw new AuditFailure(e, "step '" + step + "' destroyed a key without a confirmation of the same public key");
        }
        var p = e.payload();
        String label = p.path("key-label").asText();
        String id = java.util.HexFormat.of().formatHex(label.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        boolean privateKey = false;
        for (var o : p.path("destroyed")) {
            privateKey |= "private-key".equals(o.path("kind").asText());
        }
        if (!privateKey) {
            throw new AuditFailure(e, "step '" + step + "' records no private key destroyed");
        }
        for (var o : p.path("objects-after")) {
            if (label.equals(o.path("label").asText()) || id.equals(o.path("id").asText())) {
                throw new AuditFailure(e, "step '" + step + "': the token still lists a " + o.path("kind").asText()
                        + " with label or ID '" + label + "' after the key was destroyed");
            }
        }
    }

    private void requireBeforeSigning(ChainEntry e, String step, String tbs) throws AuditFailure {
        if (!tbs.equals(lintedTbs.get(step))) {
            throw new AuditFailure(e, "step '" + step + "' was signed without passing lints on the same TBS");
        }
        if (!tbs.equals(confirmedTbs.get(step))) {
            throw new AuditFailure(e, "step '" + step + "' was signed without a confirmation of the same TBS");
        }
    }
}
