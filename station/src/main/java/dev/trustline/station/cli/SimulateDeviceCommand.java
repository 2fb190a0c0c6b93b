package dev.trustline.station.cli;

import dev.trustline.station.sim.DeviceSimulator;
import dev.trustline.station.sim.Faults;
import dev.trustline.station.sim.SimulatorServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** A simulated device on TCP or a pseudo-terminal, with its key in its own SoftHSM2 token. Runs until stopped. */
@Command(name = "simulate-device", mixinStandardHelpOptions = true,
        description = {"Run a simulated device speaking the line protocol (runbooks/device-protocol.md) over TCP or a terminal.",
            "Its flash is DIR/device.json; its secure element a SoftHSM2 token created on first boot."})
final class SimulateDeviceCommand implements Callable<Integer> {
    @Option(names = "--state", required = true, paramLabel = "DIR", description = "the device's flash and secure-element PIN (kept across restarts)") Path state;
    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "serve TCP (default 127.0.0.1:0: any free port)") String listen;
    @Option(names = "--pty", paramLabel = "PATH", description = "serve a terminal instead, e.g. one end of a socat pty pair") Path pty;
    @Option(names = "--device-id", paramLabel = "ID", description = "the ID already in the device (default: none until set_device_id)") String deviceId;
    @Option(names = "--hw-rev", defaultValue = "C") String hwRev;
    @Option(names = "--firmware-build", defaultValue = "1.0.0+sim") String firmware;
    @Option(names = "--fault", paramLabel = "NAME[@COMMAND][=TIMES]", description = "misbehave: lose-write, wrong-cert-slot, swapped-id, "
            + "wrong-key-slot, no-debug-lock, self-test-fail, lose-key, timeout@CMD, reboot@CMD (repeatable)") List<String> faults = new ArrayList<>();
    @Option(names = "--module", defaultValue = "/usr/lib/softhsm/libsofthsm2.so", paramLabel = "PATH", description = "the PKCS#11 module of its secure element") Path module;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (listen != null && pty != null) {
            throw new dev.trustline.core.TrustLineException("use --listen or --pty, not both");
        }
        Faults f = Faults.parse(faults);
        DeviceSimulator device = DeviceSimulator.boot(module, state, new DeviceSimulator.Identity(deviceId, hwRev, firmware), f);
        PrintWriter out = spec.commandLine().getOut();
        if (pty != null) {
            out.println("device simulator (secure element token " + device.tokenLabel() + ") on " + pty);
            out.flush();
            SimulatorServer.terminal(device, pty);
            return 0;
        }
        String[] hp = (listen == null ? "127.0.0.1:0" : listen).split(":", 2);
        if (hp.length != 2) {
            throw new dev.trustline.core.TrustLineException("--listen " + listen + ": expected HOST:PORT");
        }
        SimulatorServer server = SimulatorServer.tcp(device, hp[0], Integer.parseInt(hp[1]));
        out.println("device simulator (secure element token " + device.tokenLabel() + ") listening on tcp://" + hp[0] + ":" + server.port());
        out.flush();
        Thread.currentThread().join();
        return 0;
    }
}
