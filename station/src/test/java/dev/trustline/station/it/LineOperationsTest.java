package dev.trustline.station.it;

import dev.trustline.signer.it.SignerFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.station.provision.JobRecord;
import dev.trustline.station.sim.DeviceSimulator;
import dev.trustline.station.sim.Faults;
import dev.trustline.station.sim.SimulatorServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The station as the line uses it: a device on a serial line (a socat pseudo-terminal pair, opened
 * through jSerialComm), several jigs in parallel, and a station process killed mid-device then re-run.
 */
class LineOperationsTest extends LineHarness {

    @Test
    void provision_overSerialPseudoTerminal_isProvisioned() throws Exception {
        Process socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0").start();
        try {
            List<String> ptys = ptys(socat);
            String id = newId();
            Path state = dir.resolve("serial-sim");
            DeviceSimulator d = DeviceSimulator.boot(SignerFixture.MODULE, state, new DeviceSimulator.Identity(null, "C", "2.4.1"),
                    Faults.parse(List.of()));
            Thread device = new Thread(() -> {
                try {
                    SimulatorServer.terminal(d, Path.of(ptys.get(0)));
                } catch (java.io.IOException e) {
                    // the pty closes when socat stops
                }
            });
            device.setDaemon(true);
            device.start();
            Run run = provision("serial:" + ptys.get(1), id);
            assertEquals(0, run.exit(), run.out() + run.err());
            assertEquals("serial:" + ptys.get(1), run.record().device);
            new ProcessBuilder("softhsm2-util", "--delete-token", "--token", d.tokenLabel()).start().waitFor(30, TimeUnit.SECONDS);
        } finally {
            socat.destroy();
            socat.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> ptys(Process socat) throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(socat.getErrorStream()));
        Pattern p = Pattern.compile("PTY is (/dev/pts/\\d+)");
        List<String> found = new ArrayList<>();
        while (found.size() < 2) {
            String line = err.readLine();
            assertNotNull(line, "socat did not report two pseudo-terminals");
            Matcher m = p.matcher(line);
            if (m.find()) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    @Test
    void provisionMany_threeJigs_eachGetsItsLineAndTheFaultyOneFailsAlone() throws Exception {
        String a = newId();
        String b = newId();
        String c = newId();
        List<String> args = new ArrayList<>(List.of("provision-many", "--jig", a + "=" + sim(null).address(),
                "--jig", b + "=" + sim(b, "swapped-id").address(), "--jig", c + "=" + sim(null).address()));
        args.addAll(lineArgs(STATION));
        Run run = run(args, a);
        assertEquals(4, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains(a + ": provisioned"), run.out());
        assertTrue(run.out().contains(b + ": FAILED at 1-read-id (id-mismatch)"), run.out());
        assertTrue(run.out().contains(c + ": provisioned"), run.out());
        assertTrue(run.out().contains("2 of 3 devices provisioned"), run.out());
        assertTrue(run.out().contains("jig 2: "), run.out());
    }

    @Test
    void provision_stationKilledMidDevice_rerunCompletesWithOneCertificate() throws Exception {
        String id = newId();
        Sim sim = sim(null, "timeout@write_certs=1");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.trustline.station.cli.StationCli", "provision", "--device", sim.address(),
                "--scanned-id", id));
        List<String> line = lineArgs(STATION);
        line.set(line.indexOf("--timeout") + 1, "120s");
        cmd.addAll(line);
        Process station = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path record = jobs().resolve(id + ".json");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // step 4 under way: the device has taken the write (and, by its fault, will never answer it)
            while (!(Files.exists(record) && JobRecord.load(record).steps.containsKey("3-issue")
                    && Files.readString(sim.state().resolve("device.json")).contains("BEGIN CERTIFICATE"))) {
                assertTrue(System.nanoTime() < deadline && station.isAlive(), "the station never reached step 4");
                Thread.sleep(100);
            }
        } finally {
            station.destroyForcibly();
            station.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(JobRecord.IN_PROGRESS, JobRecord.load(record).state, "killed mid-device: the record says so");
        Run rerun = provision(sim.address(), id);
        assertEquals(0, rerun.exit(), rerun.out());
        assertEquals(2, rerun.record().runs);
        assertTrue(signer.store().history(id).isEmpty(), "one certificate, never a second");
    }
}
