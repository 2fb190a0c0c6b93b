package dev.trustline.ceremony.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/ceremony}: rehearse, run and verify key ceremonies. */
@Command(name = "ceremony", mixinStandardHelpOptions = true, version = Version.TOOL,
        description = "TrustLine key ceremonies: roots and scoped intermediates in a PKCS#11 HSM, with an auditable transcript.",
        subcommands = {CheckCommand.class, RehearseCommand.class, RunCommand.class, VerifyCommand.class, ReportCommand.class, OfficersCommand.class, PolicyCommand.class})
public final class CeremonyCli {

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (tests call this in-process). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new CeremonyCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof TrustLineException) {
                err.println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
