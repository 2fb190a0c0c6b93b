package dev.trustline.signer.lifecycle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trustline.signer.store.DeviceState;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TransitionsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "issued, provisioned", "provisioned, shipped", "shipped, activated", "shipped, returned",
        "activated, returned", "returned, refurbished", "refurbished, provisioned",
        "issued, retired", "activated, retired", "returned, retired",
        "issued, revoked", "activated, revoked", "retired, revoked", "refurbished, revoked"})
    void check_allowedTransition_passes(String from, String to) {
        assertDoesNotThrow(() -> Transitions.check("GW1", DeviceState.of(from), DeviceState.of(to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "issued | shipped | device GW1 is issued; it cannot become shipped (allowed from issued: provisioned, revoked, retired)",
        "issued | activated | device GW1 is issued; it cannot become activated (allowed from issued: provisioned, revoked, retired)",
        "provisioned | activated | device GW1 is provisioned; it cannot become activated (allowed from provisioned: shipped, revoked, retired)",
        "activated | shipped | device GW1 is activated; it cannot become shipped (allowed from activated: returned, revoked, retired)",
        "shipped | refurbished | device GW1 is shipped; it cannot become refurbished (allowed from shipped: activated, returned, revoked, retired)",
        "retired | activated | device GW1 is retired; it cannot become activated (allowed from retired: revoked)",
        "revoked | activated | device GW1 is revoked; it cannot become activated (allowed from revoked: none, it is final)",
        "revoked | revoked | device GW1 is revoked; it cannot become revoked (allowed from revoked: none, it is final)",
        "retired | retired | device GW1 is retired; it cannot become retired (allowed from retired: revoked)",
        "activated | activated | device GW1 is activated; it cannot become activated (allowed from activated: returned, revoked, retired)",
        "issued | issued | device GW1 is issued; it cannot become issued (allowed from issued: provisioned, revoked, retired)"})
    void check_refusedTransition_namesCurrentAndAllowed(String from, String to, String message) {
        TransitionRefused e = assertThrows(TransitionRefused.class,
                () -> Transitions.check("GW1", DeviceState.of(from), DeviceState.of(to)));
        assertEquals(message, e.getMessage());
        assertEquals(409, e.status());
    }

    @ParameterizedTest
    @EnumSource(DeviceState.class)
    void allowedFrom_everyStateButRevoked_mayBeRevoked_andNoneReturnsToIssued(DeviceState s) {
        Set<DeviceState> next = Transitions.allowedFrom(s);
        assertEquals(s != DeviceState.REVOKED, next.contains(DeviceState.REVOKED));
        assertEquals(false, next.contains(DeviceState.ISSUED));
        assertEquals(false, next.contains(s));
    }

    @org.junit.jupiter.api.Test
    void allowedFrom_isTheWholeTable() {
        String table = EnumSet.allOf(DeviceState.class).stream().map(s -> s.code() + "->"
                + Transitions.allowedFrom(s).stream().map(DeviceState::code).collect(Collectors.joining(",")))
                .collect(Collectors.joining(" "));
        assertEquals("issued->provisioned,revoked,retired provisioned->shipped,revoked,retired"
                + " shipped->activated,returned,revoked,retired activated->returned,revoked,retired"
                + " returned->refurbished,revoked,retired refurbished->provisioned,revoked,retired"
                + " revoked-> retired->revoked", table);
    }
}
