package dev.trustline.signer.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which role may do what (signer.yaml {@code access.roles}); the defaults: stations issue and report
 * provisioning evidence, nothing more; backends read, check, change state, revoke and publish CRLs, and
 * never issue; devices only re-enrol. A station is never granted {@code transition}, whatever the
 * configuration: it moves a device only by its verified line evidence ({@code provision}), so the generic
 * state change, which needs {@code transition}, refuses the station role. Immutable.
 */
public final class AccessRules {
    /** Why the station role cannot be granted {@code transition} (also the signer.yaml problem). */
    public static final String STATION_TRANSITION = "a station never holds 'transition': it records a device as"
            + " provisioned only with its line evidence (POST /v1/devices/ID/provisioning, permission 'provision')";

    public static final AccessRules DEFAULT = new AccessRules(Map.of(
            Role.STATION, EnumSet.of(Permission.ISSUE, Permission.PROVISION),
            Role.BACKEND, EnumSet.of(Permission.TRANSITION, Permission.REVOKE, Permission.DEVICE_READ,
                    Permission.DEVICE_CHECK, Permission.CRL_PUBLISH),
            Role.DEVICE, EnumSet.of(Permission.RE_ENROL)));

    private final Map<Role, Set<Permission>> granted;

    /** @throws IllegalArgumentException if the station role is granted {@code transition} */
    public AccessRules(Map<Role, Set<Permission>> granted) {
        Set<Permission> station = granted.get(Role.STATION);
        if (station != null && station.contains(Permission.TRANSITION)) {
            throw new IllegalArgumentException(STATION_TRANSITION);
        }
        Map<Role, Set<Permission>> copy = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            Set<Permission> p = granted.get(r);
            copy.put(r, p == null || p.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(p)));
        }
        this.granted = Map.copyOf(copy);
    }

    public boolean allows(Role role, Permission permission) {
        return granted.get(role).contains(permission);
    }

    public Set<Permission> of(Role role) {
        return granted.get(role);
    }

    /** @throws Forbidden (403) naming the missing permission */
    public void require(Actor actor, Permission permission) throws Forbidden {
        if (!allows(actor.role(), permission)) {
            throw new Forbidden(actor.role().configName() + " client '" + actor.name() + "' lacks permission '"
                    + permission.configName() + "' (the " + actor.role().configName() + " role may: "
                    + describe(actor.role()) + ")");
        }
    }

    private String describe(Role role) {
        Set<Permission> p = granted.get(role);
        return p.isEmpty() ? "nothing" : EnumSet.copyOf(p).stream().map(Permission::configName)
                .collect(Collectors.joining(", "));
    }
}
