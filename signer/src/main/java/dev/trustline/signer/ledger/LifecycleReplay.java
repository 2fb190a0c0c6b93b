package dev.trustline.signer.ledger;

import java.util.HashMap;
import java.util.Map;

/**
 * The lifecycle rows a ledger implies (part of {@link Replay}): each device's
 * {@code device_states} row (kept, stale, when a re-issue gives the device a new certificate),
 * one {@code device_transitions} row per transition or revocation entry, one
 * {@code revocations} row per revoked certificate, one {@code crls} row per CRL entry. A
 * transition must start from the device's current state and name its current certificate.
 */
public final class LifecycleReplay {

    /** A device_states row. */
    public record State(long seq, String fingerprint, String state, String changedAt) {
    }

    /** A device_transitions row, keyed by its entry's seq. */
    public record Transition(long seq, String deviceId, String fingerprint, String from,
            String to, String actor, String role, String reason, String at) {
    }

    /** A revocations row, keyed by fingerprint. */
    public record Revocation(long seq, String deviceId, String issuerFingerprint, String serial,
            long reason, String revokedAt) {
    }

    public record CrlKey(String issuerFingerprint, long number) {
    }

    /** A crls row; {@code sha256} of its DER. */
    public record Crl(long seq, String thisUpdate, String nextUpdate, long entries,
            String sha256) {
    }

    private final Map<String, State> states = new HashMap<>();
    private final Map<Long, Transition> transitions = new HashMap<>();
    private final Map<String, Revocation> revocations = new HashMap<>();
    private final Map<CrlKey, Crl> crls = new HashMap<>();

    /** The device's lifecycle state: its state row if that is for its current certificate. */
    public String stateOf(Replay.Device d) {
        State s = states.get(d.deviceId());
        return s != null && s.fingerprint().equals(d.fingerprint()) ? s.state() : d.state();
    }

    void transition(long seq, String time, TransitionEntry t, Replay.Device d)
            throws LedgerProblem {
        move(seq, time, t.deviceId(), t.fingerprint(), t.from(), t.to(), t.actor(), t.role(),
                t.reason(), d);
    }

    void revoked(long seq, String time, RevokedEntry r, Replay.Device d) throws LedgerProblem {
        move(seq, time, r.deviceId(), r.fingerprint(), r.from(), "revoked", r.actor(), r.role(),
                r.reason(), d);
        if (!d.serial().equals(r.serial()) || !d.issuerFingerprint().equals(r.issuerFingerprint())) {
            throw problem(seq, "revokes serial " + r.serial() + ", but device " + d.deviceId()
                    + "'s certificate has serial " + d.serial());
        }
        revocations.put(r.fingerprint(), new Revocation(seq, r.deviceId(), r.issuerFingerprint(),
                r.serial(), r.reasonCode(), time));
    }

    /**
     * A re-enrolment keeps the device's lifecycle state (the entry records it, and it must be
     * the state the device had); a state row about the replaced certificate follows the new one.
     */
    void reenrolled(long seq, IssuedEntry i, Replay.Device before) throws LedgerProblem {
        if (!stateOf(before).equals(i.keptState())) {
            throw problem(seq, "re-enrolment keeps state " + i.keptState() + ", but device "
                    + i.deviceId() + " is " + stateOf(before));
        }
        State s = states.get(i.deviceId());
        if (s != null && s.fingerprint().equals(before.fingerprint())) {
            states.put(i.deviceId(), new State(s.seq(), i.fingerprint(), s.state(), s.changedAt()));
        }
    }

    void crl(long seq, CrlEntry c) throws LedgerProblem {
        Crl before = crls.putIfAbsent(new CrlKey(c.issuerFingerprint(), c.number()),
                new Crl(seq, c.thisUpdate(), c.nextUpdate(), c.entries(), c.sha256()));
        if (before != null) {
            throw problem(seq, "CRL number " + c.number() + " was already published in entry "
                    + before.seq());
        }
    }

    private void move(long seq, String time, String deviceId, String fingerprint, String from,
            String to, String actor, String role, String reason, Replay.Device d)
            throws LedgerProblem {
        if (d == null || !d.fingerprint().equals(fingerprint)) {
            throw problem(seq, "certificate sha256 " + fingerprint + " is not the current"
                    + " certificate of device " + deviceId);
        }
        if (!stateOf(d).equals(from)) {
            throw problem(seq, "device " + deviceId + " moves from " + from + ", but it is "
                    + stateOf(d));
        }
        states.put(deviceId, new State(seq, fingerprint, to, time));
        transitions.put(seq, new Transition(seq, deviceId, fingerprint, from, to, actor, role,
                reason, time));
    }

    public Map<String, State> states() {
        return states;
    }

    public Map<Long, Transition> transitions() {
        return transitions;
    }

    public Map<String, Revocation> revocations() {
        return revocations;
    }

    public Map<CrlKey, Crl> crls() {
        return crls;
    }

    private static LedgerProblem problem(long seq, String why) {
        return new LedgerProblem(seq, "ledger entry " + seq + ": " + why);
    }
}
