package dev.trustline.station.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.station.provision.Provisioner;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** One device, the whole line flow; a re-run of the same command completes a device that failed part-way. */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = {"Provision one device: read its ID, have it make its key, get its certificate from the signer, write and",
            "read it back, challenge-response, self-test, debug lock, report the evidence. Exit 0 provisioned, 4 failed at a",
            "step (see the job record JOBS/ID.json), 1 on an error."})
final class ProvisionCommand implements Callable<Integer> {
    @Option(names = "--device", required = true, paramLabel = "tcp://HOST:PORT|serial:/dev/NAME") String device;
    @Option(names = "--scanned-id", required = true, paramLabel = "ID", description = "the device ID on the label, as scanned") String scannedId;
    @Mixin LineOptions line;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws TrustLineException {
        LineOptions.Connection c = line.connect();
        PrintWriter out = spec.commandLine().getOut();
        Provisioner.Outcome o = new Provisioner(line.settings(scannedId, device, c.station()), c.client(), s -> {
            out.println(s);
            out.flush();
        }).run();
        out.println("job record: " + o.record());
        return o.provisioned() ? 0 : 4;
    }
}
