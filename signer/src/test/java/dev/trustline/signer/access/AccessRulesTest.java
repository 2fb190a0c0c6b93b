package dev.trustline.signer.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessRulesTest {
    static final Actor STATION = new Actor("station-sz-01", Role.STATION);
    static final Actor BACKEND = new Actor("backend-01", Role.BACKEND);

    @ParameterizedTest(name = "station {0}")
    @CsvSource(delimiter = '|', value = {
        "REVOKE | station client 'station-sz-01' lacks permission 'revoke' (the station role may: issue, provision)",
        "TRANSITION | station client 'station-sz-01' lacks permission 'transition' (the station role may: issue, provision)",
        "DEVICE_READ | station client 'station-sz-01' lacks permission 'device-read' (the station role may: issue, provision)",
        "DEVICE_CHECK | station client 'station-sz-01' lacks permission 'device-check' (the station role may: issue, provision)",
        "CRL_PUBLISH | station client 'station-sz-01' lacks permission 'crl-publish' (the station role may: issue, provision)"})
    void require_stationAsksForBackendWork_isForbiddenNamingThePermission(Permission p, String message) {
        Forbidden e = assertThrows(Forbidden.class, () -> AccessRules.DEFAULT.require(STATION, p));
        assertEquals(message, e.getMessage());
        assertEquals(403, e.status());
    }

    @Test
    void require_backendIssues_isForbidden() {
        Forbidden e = assertThrows(Forbidden.class, () -> AccessRules.DEFAULT.require(BACKEND, Permission.ISSUE));
        assertEquals("backend client 'backend-01' lacks permission 'issue' (the backend role may: transition, revoke,"
                + " device-read, device-check, crl-publish)", e.getMessage());
    }

    @Test
    void require_defaults_allowEachRoleItsOwnWork() {
        assertDoesNotThrow(() -> AccessRules.DEFAULT.require(STATION, Permission.ISSUE));
        assertDoesNotThrow(() -> AccessRules.DEFAULT.require(STATION, Permission.PROVISION));
        for (Permission p : EnumSet.complementOf(EnumSet.of(Permission.ISSUE, Permission.PROVISION, Permission.RE_ENROL))) {
            assertDoesNotThrow(() -> AccessRules.DEFAULT.require(BACKEND, p));
        }
        assertDoesNotThrow(() -> AccessRules.DEFAULT.require(new Actor("GW0000000018", Role.DEVICE), Permission.RE_ENROL));
    }

    @Test
    void require_deviceDoesAnythingButReenrol_isForbidden() {
        Actor device = new Actor("GW0000000018", Role.DEVICE);
        for (Permission p : EnumSet.complementOf(EnumSet.of(Permission.RE_ENROL))) {
            Forbidden e = assertThrows(Forbidden.class, () -> AccessRules.DEFAULT.require(device, p));
            assertEquals("device client 'GW0000000018' lacks permission '" + p.configName() + "' (the device role may: re-enrol)",
                    e.getMessage());
        }
    }

    @Test
    void require_roleGrantedNothing_saysSo() {
        AccessRules rules = new AccessRules(Map.of(Role.STATION, EnumSet.of(Permission.ISSUE)));
        Forbidden e = assertThrows(Forbidden.class, () -> rules.require(BACKEND, Permission.REVOKE));
        assertEquals("backend client 'backend-01' lacks permission 'revoke' (the backend role may: nothing)", e.getMessage());
    }

    @Test
    void new_stationGrantedTransition_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AccessRules(Map.of(Role.STATION,
                EnumSet.of(Permission.ISSUE, Permission.PROVISION, Permission.TRANSITION))));
        assertEquals(AccessRules.STATION_TRANSITION, e.getMessage());
        for (AccessRules rules : new AccessRules[] {AccessRules.DEFAULT, new AccessRules(Map.of(Role.STATION,
                EnumSet.complementOf(EnumSet.of(Permission.TRANSITION))))}) {
            assertThrows(Forbidden.class, () -> rules.require(STATION, Permission.TRANSITION));
        }
    }

    @Test
    void configNames_roundTrip() {
        for (Permission p : Permission.values()) {
            assertEquals(p, Permission.fromConfigName(p.configName()).orElseThrow());
        }
        assertEquals(Role.BACKEND, Role.fromConfigName("backend").orElseThrow());
        assertEquals(true, Permission.fromConfigName("REVOKE").isEmpty());
    }
}
