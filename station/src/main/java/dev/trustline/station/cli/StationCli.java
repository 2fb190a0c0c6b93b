package dev.trustline.station.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/station}: provision devices on the line, one jig or several; simulate a device. */
@Command(name = "station", mixinStandardHelpOptions = true, version = Version.TOOL,
        description = "TrustLine station: provisions devices on the line against the signer (HTTPS, mTLS).",
        subcommands = {ProvisionCommand.class, ProvisionManyCommand.class, SimulateDeviceCommand.class})
public final class StationCli implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new StationCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof TrustLineException) {
                err.println("error: " + e.getMessage());
                err.flush();
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
