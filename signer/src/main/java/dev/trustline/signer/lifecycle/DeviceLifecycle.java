package dev.trustline.signer.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.signer.access.AccessRules;
import dev.trustline.signer.access.Actor;
import dev.trustline.signer.access.Forbidden;
import dev.trustline.signer.access.Permission;
import dev.trustline.signer.access.Role;
import dev.trustline.signer.revocation.RevocationReason;
import dev.trustline.signer.store.DeviceRecord;
import dev.trustline.signer.store.DeviceState;
import dev.trustline.signer.store.LifecycleStore;
import dev.trustline.signer.store.TransitionRecord;
import java.time.Clock;
import java.util.Objects;

/**
 * The one way a device's lifecycle state changes, for every caller. Two doors: {@link #apply}, the generic
 * change the backend API ({@code POST /v1/devices/ID/state}) and {@code bin/signer device state} use, which
 * needs {@code transition} for every target (so never a station: stations never hold it) and
 * {@code provision} as well to set provisioned; and {@link #provisioned}, which only
 * {@link ProvisioningService} calls once it has verified a station's line evidence (challenge-response,
 * debug lock, self-test), and which needs {@code provision} and, for a station, a device it issued itself.
 * {@link #revoke} needs {@code revoke}. In each case the device must exist, and {@link Transitions} must
 * allow the move from its current state, checked inside the transaction that writes the change and its
 * ledger entry (who, when, why).
 */
public final class DeviceLifecycle {
    private static final int MAX_REASON = 512;

    private final LifecycleStore store;
    private final AccessRules rules;
    private final Clock clock;

    public DeviceLifecycle(LifecycleStore store, AccessRules rules, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The generic change: moves {@code deviceId} to {@code to} on behalf of {@code actor}, recording
     * {@code reason} and, if given, {@code evidence} in the ledger. The permission is checked first, whatever
     * the target: a station (which never holds {@code transition}) is refused here for every state, and
     * records provisioning only through its evidence ({@link ProvisioningService}).
     *
     * @throws Forbidden (403) naming the missing permission
     * @throws TransitionRefused 404 unknown device, 409 naming the current and the allowed states, 400 bad input
     */
    public TransitionRecord apply(Actor actor, String deviceId, DeviceState to, String reason, ObjectNode evidence)
            throws TrustLineException {
        rules.require(actor, Permission.TRANSITION);
        if (to == DeviceState.REVOKED) {
            throw new TransitionRefused(400, "revoking needs an RFC 5280 reason: use revoke (POST /v1/devices/"
                    + deviceId + "/revoke or bin/signer revoke)");
        }
        if (to == DeviceState.ISSUED) {
            throw new TransitionRefused(409, "no device becomes issued again: a certificate is issued only by a batch");
        }
        if (to == DeviceState.PROVISIONED) {
            rules.require(actor, Permission.PROVISION);
        }
        return change(actor, deviceId, to, reason, evidence);
    }

    /**
     * Records {@code deviceId} as provisioned on the strength of {@code evidence} that the caller has already
     * verified: only {@link ProvisioningService} calls this (for {@code POST /v1/devices/ID/provisioning}),
     * after checking the challenge signature against the registry's certificate, the debug lock and the
     * self-test. Needs {@code provision}; a station only for a device it issued itself.
     *
     * @throws Forbidden (403) naming the missing permission, or a station reporting another's device
     * @throws TransitionRefused 404 unknown device, 409 a state that cannot become provisioned
     */
    public TransitionRecord provisioned(Actor actor, String deviceId, String reason, ObjectNode evidence)
            throws TrustLineException {
        Objects.requireNonNull(evidence, "evidence");
        rules.require(actor, Permission.PROVISION);
        return change(actor, deviceId, DeviceState.PROVISIONED, reason, evidence);
    }

    private TransitionRecord change(Actor actor, String deviceId, DeviceState to, String reason, ObjectNode evidence)
            throws TrustLineException {
        String why = reason(reason);
        return store.transition(deviceId, d -> guard(actor, deviceId, d, to), to, actor.name(),
                actor.role().configName(), why, evidence, clock.instant());
    }

    /** Revokes the device's current certificate for {@code reason}; then it is on the CRL and OCSP says revoked. */
    public TransitionRecord revoke(Actor actor, String deviceId, RevocationReason reason, String comment)
            throws TrustLineException {
        Objects.requireNonNull(reason, "reason");
        rules.require(actor, Permission.REVOKE);
        String why = comment == null || comment.isBlank() ? "" : reason(comment);
        return store.revoke(deviceId, d -> guard(actor, deviceId, d, DeviceState.REVOKED), reason.configName(),
                reason.code(), actor.name(), actor.role().configName(), why, clock.instant());
    }

    private static void guard(Actor actor, String deviceId, DeviceRecord d, DeviceState to) throws TrustLineException {
        if (d == null) {
            throw new TransitionRefused(404, "no device '" + deviceId + "' in the registry");
        }
        if (actor.role() == Role.STATION && !d.station().equals(actor.name())) {
            throw new Forbidden("station '" + actor.name() + "' did not issue device " + deviceId
                    + "; a station reports evidence only for its own devices");
        }
        Transitions.check(deviceId, d.state(), to);
    }

    private static String reason(String reason) throws TransitionRefused {
        if (reason == null || reason.isBlank()) {
            throw new TransitionRefused(400, "a lifecycle change needs a reason (who asked and why)");
        }
        String r = reason.strip();
        if (r.length() > MAX_REASON || r.chars().anyMatch(ch -> ch < 0x20)) {
            throw new TransitionRefused(400, "the reason must be 1 to " + MAX_REASON
                    + " characters on one line");
        }
        return r;
    }
}
