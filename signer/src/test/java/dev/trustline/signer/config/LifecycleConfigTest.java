package dev.trustline.signer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.core.config.ConfigException;
import dev.trustline.signer.access.Permission;
import dev.trustline.signer.access.Role;
import dev.trustline.signer.store.DeviceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The access, revocation and device-check sections of signer.yaml: defaults, and one case per error message. */
class LifecycleConfigTest {
    static final String BASE = "hsm: {module: /usr/lib/softhsm/libsofthsm2.so, token-label: t, pin: file:pin, key-label: k}\n"
            + "trust: {root: root.pem, intermediate: inter.pem, station-ca: station.pem}\npolicies: [p.yaml]\n"
            + "tls: {key-store: tls.p12, password: file:pass}\ndatabase: {sqlite: a.db}\n";

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws Exception {
        for (String f : new String[] {"root.pem", "inter.pem", "station.pem", "p.yaml", "p.yaml.p7s", "tls.p12", "backend.pem"}) {
            Files.writeString(dir.resolve(f), "x");
        }
    }

    SignerConfig load(String extra) throws Exception {
        Path f = dir.resolve("signer.yaml");
        Files.writeString(f, BASE + extra);
        return SignerConfig.load(f);
    }

    @Test
    void load_noSections_givesTheDefaults() throws Exception {
        LifecycleConfig l = load("").lifecycle();
        assertEquals(null, l.backendCa());
        assertEquals(Set.of(), l.backendClients());
        assertEquals(null, l.publicHost());
        assertEquals(Duration.ofHours(24), l.crlValidity());
        assertEquals(Set.of(DeviceState.ACTIVATED), l.allowStates());
        assertTrue(l.rules().allows(Role.STATION, Permission.ISSUE));
        assertFalse(l.rules().allows(Role.BACKEND, Permission.ISSUE));
    }

    @Test
    void load_everySection_isRead() throws Exception {
        LifecycleConfig l = load("access:\n  backend-ca: backend.pem\n  backend-clients: [ops-1]\n  roles:\n    station: [issue]\n"
                + "revocation:\n  public-listen: {port: 0}\n  crl-validity-hours: 48\n  crl-refresh-minutes: 30\n"
                + "device-check: {allow-states: [activated, shipped]}\n").lifecycle();
        assertEquals(dir.resolve("backend.pem"), l.backendCa());
        assertEquals(Set.of("ops-1"), l.backendClients());
        assertFalse(l.rules().allows(Role.STATION, Permission.PROVISION));
        assertTrue(l.rules().allows(Role.BACKEND, Permission.REVOKE));
        assertEquals("127.0.0.1", l.publicHost());
        assertEquals(Duration.ofMinutes(30), l.crlRefresh());
        assertEquals(Set.of(DeviceState.ACTIVATED, DeviceState.SHIPPED), l.allowStates());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "access: {backend-ca: missing.pem} | access.backend-ca: ",
        "access: {backend-clients: [' ops']} | access.backend-clients[0]: must be a client certificate's CN",
        "access: {roles: {admin: [revoke]}} | access.roles.admin: is not a role (station, backend, device)",
        "access: {roles: {station: [issue, delete]}} | access.roles.station[1]: 'delete' is not a permission",
        "access: {roles: {station: [issue, transition]}} | access.roles.station[1]: a station never holds 'transition'",
        "revocation: {crl-validity-hours: 0} | revocation.crl-validity-hours: must be between 1 and 2160",
        "revocation: {crl-validity-hours: 1, crl-refresh-minutes: 60} | revocation.crl-refresh-minutes: must be at least 1 and less than crl-validity-hours",
        "revocation: {ocsp-validity-minutes: 0} | revocation.ocsp-validity-minutes: must be between 1 and 10080",
        "revocation: {public-listen: {port: 70000}} | revocation.public-listen.port: must be 0..65535",
        "device-check: {allow-states: [lost]} | device-check.allow-states[0]: 'lost' is not a lifecycle state",
        "device-check: {allow-states: [revoked]} | device-check.allow-states[0]: a revoked device is never allowed",
        "device-check: {allow-states: []} | device-check.allow-states: must name at least one state",
        "revocation: {crl-url: x} | crl-url: unknown field"})
    void load_badSection_namesItsYamlPath(String yaml, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml + "\n"));
        assertTrue(e.getMessage().contains(expected.strip()), e.getMessage());
    }
}
