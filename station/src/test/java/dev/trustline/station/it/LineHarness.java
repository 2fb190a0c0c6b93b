package dev.trustline.station.it;

import dev.trustline.signer.it.SignerFixture;
import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.station.cli.StationCli;
import dev.trustline.station.provision.JobRecord;
import dev.trustline.station.sim.DeviceSimulator;
import dev.trustline.station.sim.Faults;
import dev.trustline.station.sim.SimulatorServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real signer (SoftHSM2 token, SQLite, HTTPS with mTLS) started once per test class, simulated
 * devices each with their own SoftHSM2 token, and the station run through its command line.
 */
abstract class LineHarness {
    static final String POLICY = "line-policy";
    static final String STATION = "station-sz-01";

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static ServeCommand.Running signer;
    static long serial = 7000;
    static final List<Sim> SIMS = new ArrayList<>();

    /** A simulated device served over TCP. */
    record Sim(DeviceSimulator device, SimulatorServer server, Path state) {
        String address() {
            return "tcp://127.0.0.1:" + server.port();
        }
    }

    /** One station run: exit code, output, and the job record it left. */
    record Run(int exit, String out, String err, JobRecord record) {
    }

    @BeforeAll
    static void startSigner() throws Exception {
        pki = new SignerFixture(dir);
        pki.policy(POLICY);
        signer = ServeCommand.start(SignerConfig.load(pki.config("signer", 200, POLICY)), Clock.systemUTC());
        pki.station(STATION);
        pki.station("station-sz-02");
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (Sim s : SIMS) {
            s.server().close();
            delete("--token", s.device().tokenLabel());
        }
        SIMS.clear();
        if (signer != null) {
            signer.close();
        }
        delete("--serial", pki.token.serial());
    }

    private static void delete(String how, String which) throws Exception {
        new ProcessBuilder("softhsm2-util", "--delete-token", how, which).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
    }

    static synchronized String newId() {
        return FactorySimulator.deviceId("GW", serial++, 9);
    }

    static Sim sim(String presetId, String... faults) throws Exception {
        Path state = dir.resolve("sims/" + (SIMS.size() + 1));
        DeviceSimulator d = DeviceSimulator.boot(SignerFixture.MODULE, state,
                new DeviceSimulator.Identity(presetId, "C", "2.4.1+b907"), Faults.parse(List.of(faults)));
        Sim s = new Sim(d, SimulatorServer.tcp(d, "127.0.0.1", 0), state);
        SIMS.add(s);
        return s;
    }

    static String signerUrl() {
        return "https://localhost:" + signer.server().port();
    }

    static String jobsName = "jobs";

    static Path jobs() {
        return dir.resolve(jobsName);
    }

    static String timeout = "8s";

    static List<String> lineArgs(String station) throws Exception {
        return new ArrayList<>(List.of("--signer", signerUrl(), "--station-cert", pki.station(station).toString(),
                "--password", "file:" + dir.resolve("secrets/pass"), "--trust", dir.resolve("certs/root.pem").toString(),
                "--policy", POLICY, "--operator", "operator-07", "--sku", "GW-100", "--jobs", jobs().toString(),
                "--timeout", timeout));
    }

    static Run provision(String device, String scannedId, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("provision", "--device", device, "--scanned-id", scannedId));
        args.addAll(lineArgs(STATION));
        args.addAll(List.of(extra));
        return run(args, scannedId);
    }

    static Run run(List<String> args, String scannedId) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StationCli.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        Path record = jobs().resolve(scannedId + ".json");
        return new Run(exit, out.toString(), err.toString(), Files.exists(record) ? JobRecord.load(record) : null);
    }
}
