package dev.trustline.signer.lifecycle;

import static dev.trustline.signer.store.DeviceState.ACTIVATED;
import static dev.trustline.signer.store.DeviceState.ISSUED;
import static dev.trustline.signer.store.DeviceState.PROVISIONED;
import static dev.trustline.signer.store.DeviceState.REFURBISHED;
import static dev.trustline.signer.store.DeviceState.RETIRED;
import static dev.trustline.signer.store.DeviceState.RETURNED;
import static dev.trustline.signer.store.DeviceState.REVOKED;
import static dev.trustline.signer.store.DeviceState.SHIPPED;

import dev.trustline.signer.store.DeviceState;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The device lifecycle, defined once: which state may follow which. A device is {@code issued} when it
 * gets its first certificate and {@code refurbished} when a re-issue replaces it; the line's verified
 * evidence moves it to {@code provisioned}; then {@code shipped}, {@code activated}, {@code returned}.
 * Any state but {@code revoked} may go to {@code retired}, and any state to {@code revoked}; {@code revoked}
 * is final. Pure.
 */
public final class Transitions {
    private static final Map<DeviceState, Set<DeviceState>> NEXT = new EnumMap<>(DeviceState.class);

    static {
        allow(ISSUED, PROVISIONED);
        allow(PROVISIONED, SHIPPED);
        allow(SHIPPED, ACTIVATED, RETURNED);
        allow(ACTIVATED, RETURNED);
        allow(RETURNED, REFURBISHED);
        allow(REFURBISHED, PROVISIONED);
        for (DeviceState s : DeviceState.values()) {
            if (s != REVOKED) {
                if (s != RETIRED) {
                    allow(s, RETIRED);
                }
                allow(s, REVOKED);
            }
        }
    }

    private Transitions() {
    }

    private static void allow(DeviceState from, DeviceState... to) {
        NEXT.computeIfAbsent(from, s -> EnumSet.noneOf(DeviceState.class)).addAll(Set.of(to));
    }

    /** The states a device in {@code from} may move to, in lifecycle order; empty for a final state. */
    public static Set<DeviceState> allowedFrom(DeviceState from) {
        return Collections.unmodifiableSet(NEXT.getOrDefault(from, EnumSet.noneOf(DeviceState.class)));
    }

    public static boolean allows(DeviceState from, DeviceState to) {
        return allowedFrom(from).contains(to);
    }

    /**
     * @throws TransitionRefused naming the current state and the allowed ones, unless {@code from -> to} is
     *     allowed
     */
    public static void check(String deviceId, DeviceState from, DeviceState to) throws TransitionRefused {
        if (!allows(from, to)) {
            throw new TransitionRefused(409, "device " + deviceId + " is " + from.code() + "; it cannot become "
                    + to.code() + " (allowed from " + from.code() + ": " + describe(allowedFrom(from)) + ")");
        }
    }

    static String describe(Set<DeviceState> states) {
        return states.isEmpty() ? "none, " + "it is final"
                : states.stream().map(DeviceState::code).collect(Collectors.joining(", "));
    }
}
