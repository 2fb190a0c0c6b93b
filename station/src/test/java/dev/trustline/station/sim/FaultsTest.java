package dev.trustline.station.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.core.TrustLineException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The simulator's misbehaviour switches: one case per error message, and counting. */
class FaultsTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "melt; unknown fault 'melt'",
        "timeout; timeout needs @COMMAND",
        "lose-write@info; lose-write takes no @COMMAND",
        "reboot@dance; unknown command 'dance'",
        "lose-write=0; TIMES must be a positive number",
        "lose-write=x; TIMES must be a positive number"})
    void parse_badSpec_isRefusedNamingTheProblem(String spec, String message) {
        TrustLineException e = assertThrows(TrustLineException.class, () -> Faults.parse(List.of(spec)));
        assertTrue(e.getMessage().startsWith("--fault " + spec + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void fire_withTimes_firesOnlyThatOften() throws Exception {
        Faults f = Faults.parse(List.of("reboot@write_certs=2", "swapped-id"));
        assertFalse(f.fire("reboot", "finalize"));
        assertTrue(f.fire("reboot", "write_certs"));
        assertTrue(f.fire("reboot", "write_certs"));
        assertFalse(f.fire("reboot", "write_certs"));
        for (int i = 0; i < 5; i++) {
            assertTrue(f.fire("swapped-id", "info"));
        }
    }

    @Test
    void swapped_transposesTheLastTwoCharacters() {
        assertEquals("GW0000000081", Commands.swapped("GW0000000018"));
        assertEquals("GW00000000110", Commands.swapped("GW0000000011"));
    }
}
