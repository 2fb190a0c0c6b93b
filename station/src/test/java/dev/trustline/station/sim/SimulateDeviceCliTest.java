package dev.trustline.station.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.station.cli.StationCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/station simulate-device refuses bad switches with one line, before any token is made. */
class SimulateDeviceCliTest {

    static int run(StringWriter err, String... args) {
        return StationCli.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    void simulateDevice_unknownFault_exits1WithOneLine(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        assertEquals(1, run(err, "simulate-device", "--state", dir.toString(), "--fault", "melt"));
        assertTrue(err.toString().startsWith("error: --fault melt: unknown fault 'melt'"), err.toString());
        assertEquals(1, err.toString().strip().lines().count());
        assertTrue(dir.toFile().list().length == 0, "nothing written");
    }

    @Test
    void station_unknownOption_exits2() {
        assertEquals(2, run(new StringWriter(), "simulate-device", "--bogus"));
        assertEquals(2, run(new StringWriter(), "frobnicate"));
    }
}
