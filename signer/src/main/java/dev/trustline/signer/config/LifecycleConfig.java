package dev.trustline.signer.config;

import dev.trustline.core.config.Problems;
import dev.trustline.signer.access.AccessRules;
import dev.trustline.signer.access.Permission;
import dev.trustline.signer.access.Role;
import dev.trustline.signer.store.DeviceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle sections of signer.yaml, validated: {@code access} (backend CA, backend client CNs, role
 * permissions), {@code revocation} (CRL and OCSP validity, CRL refresh, the public listener) and
 * {@code device-check} (states that are allowed). Every section is optional, with the defaults named here.
 *
 * @param backendCa a separate CA whose client certificates are all the backend role; null if none
 * @param publicHost null when no public listener is configured (then CRL and OCSP are not served)
 */
public record LifecycleConfig(Path backendCa, Set<String> backendClients, AccessRules rules, Duration crlValidity,
                              Duration crlRefresh, Duration ocspValidity, String publicHost, int publicPort,
                              Set<DeviceState> allowStates) {
    public static final LifecycleConfig DEFAULT = new LifecycleConfig(null, Set.of(), AccessRules.DEFAULT,
            Duration.ofHours(24), Duration.ofMinutes(60), Duration.ofMinutes(60), null, 0, Set.of(DeviceState.ACTIVATED));

    static LifecycleConfig from(SignerFile raw, Path base, Problems p) {
        SignerFile.AccessConfig a = raw.access();
        Path backendCa = null;
        if (a != null && a.backendCa() != null) {
            backendCa = base.resolve(a.backendCa());
            p.require(Files.isRegularFile(backendCa), "access.backend-ca", backendCa + " does not exist");
        }
        Set<String> clients = clients(a == null ? null : a.backendClients(), p);
        AccessRules rules = a == null || a.roles() == null ? AccessRules.DEFAULT : roles(a.roles(), p);
        SignerFile.RevocationConfig r = raw.revocation();
        int crlHours = r == null || r.crlValidityHours() == null ? 24 : r.crlValidityHours();
        int refresh = r == null || r.crlRefreshMinutes() == null ? 60 : r.crlRefreshMinutes();
        int ocsp = r == null || r.ocspValidityMinutes() == null ? 60 : r.ocspValidityMinutes();
        p.require(crlHours >= 1 && crlHours <= 24 * 90, "revocation.crl-validity-hours", "must be between 1 and 2160");
        p.require(refresh >= 1 && refresh < crlHours * 60, "revocation.crl-refresh-minutes",
                "must be at least 1 and less than crl-validity-hours (a CRL is replaced before it expires)");
        p.require(ocsp >= 1 && ocsp <= 7 * 24 * 60, "revocation.ocsp-validity-minutes", "must be between 1 and 10080");
        SignerFile.ListenConfig pub = r == null ? null : r.publicListen();
        String host = pub == null ? null : pub.host() == null ? "127.0.0.1" : pub.host();
        int port = pub == null || pub.port() == null ? 8080 : pub.port();
        p.require(port >= 0 && port <= 65535, "revocation.public-listen.port", "must be 0..65535 (0 picks a free port)");
        return new LifecycleConfig(backendCa, clients, rules, Duration.ofHours(crlHours), Duration.ofMinutes(refresh),
                Duration.ofMinutes(ocsp), host, port, allowStates(raw.deviceCheck(), p));
    }

    private static Set<String> clients(List<String> names, Problems p) {
        List<String> out = new ArrayList<>();
        for (int i = 0; names != null && i < names.size(); i++) {
            String n = names.get(i);
            String path = "access.backend-clients[" + i + "]";
            if (p.requirePresent(n, path) && p.require(!n.isBlank() && n.equals(n.strip()) && n.length() <= 64, path,
                    "must be a client certificate's CN: 1 to 64 characters, no leading or trailing spaces")) {
                out.add(n);
            }
        }
        return Set.copyOf(out);
    }

    private static AccessRules roles(Map<String, List<String>> roles, Problems p) {
        Map<Role, Set<Permission>> granted = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            granted.put(r, AccessRules.DEFAULT.of(r));
        }
        for (var e : roles.entrySet()) {
            Role role = Role.fromConfigName(e.getKey()).orElse(null);
            if (!p.require(role != null, "access.roles." + e.getKey(), "is not a role (station, backend, device)")) {
                continue;
            }
            Set<Permission> set = EnumSet.noneOf(Permission.class);
            List<String> names = e.getValue() == null ? List.of() : e.getValue();
            for (int i = 0; i < names.size(); i++) {
                String path = "access.roles." + e.getKey() + "[" + i + "]";
                Permission perm = Permission.fromConfigName(names.get(i)).orElse(null);
                if (p.require(perm != null, path, "'" + names.get(i) + "' is not a permission (" + permissions() + ")")
                        && p.require(role != Role.STATION || perm != Permission.TRANSITION, path,
                                AccessRules.STATION_TRANSITION)) {
                    set.add(perm);
                }
            }
            granted.put(role, set);
        }
        return new AccessRules(granted);
    }

    private static String permissions() {
        return String.join(", ", EnumSet.allOf(Permission.class).stream().map(Permission::configName).toList());
    }

    private static Set<DeviceState> allowStates(SignerFile.DeviceCheckConfig d, Problems p) {
        if (d == null || d.allowStates() == null) {
            return Set.of(DeviceState.ACTIVATED);
        }
        Set<DeviceState> out = EnumSet.noneOf(DeviceState.class);
        for (int i = 0; i < d.allowStates().size(); i++) {
            String s = d.allowStates().get(i);
            String path = "device-check.allow-states[" + i + "]";
            DeviceState state = DeviceState.parse(s).orElse(null);
            if (p.require(state != null, path, "'" + s + "' is not a lifecycle state")
                    && p.require(state != DeviceState.REVOKED && state != DeviceState.RETIRED, path,
                            "a " + s + " device is never allowed")) {
                out.add(state);
            }
        }
        p.require(!d.allowStates().isEmpty(), "device-check.allow-states", "must name at least one state");
        return Set.copyOf(out);
    }
}
