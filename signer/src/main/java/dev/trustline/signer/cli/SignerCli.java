package dev.trustline.signer.cli;

import dev.trustline.core.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/signer}: the manufacturing signer (token-init, keygen, station-ca, serve, ledger) and the
 * factory's client (submit).
 */
@Command(name = "signer", mixinStandardHelpOptions = true, version = Version.TOOL,
        description = "TrustLine manufacturing signer: issues device certificates under root-signed policies.",
        subcommands = {TokenInitCommand.class, KeygenCommand.class, StationCaCommand.class, ServeCommand.class,
            SubmitCommand.class, LedgerCommand.class, RevokeCommand.class, DeviceCommand.class, SimulateBatchCommand.class,
            UnsealCommand.class, picocli.AutoComplete.GenerateCompletion.class})
public final class SignerCli implements Runnable {

    /**
     * The factory client's commands print what they have to say themselves and log nothing; without this, the JDK's
     * security-event and HTTP-client loggers started SLF4J and Logback (~500 classes, ~0.1 CPU-s) in every run.
     */
    private static final java.util.Set<String> CLIENT_COMMANDS = java.util.Set.of("submit", "simulate-batch");

    public static void main(String[] args) {
        if (args.length > 0 && CLIENT_COMMANDS.contains(args[0]) && System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "WARN"); // no "SLF4J(I): Attempting to load provider" line
            }
        }
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        boolean alone = args.length > 0 && "submit".equals(args[0]);
        CommandLine cli = alone ? submitAlone() : new CommandLine(new SignerCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof dev.trustline.core.TrustLineException) {
                err.println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(alone ? java.util.Arrays.copyOfRange(args, 1, args.length) : args);
    }

    /**
     * {@code signer submit} parsed by its own command alone: the same options, messages and exit codes, without
     * picocli reflecting over every other subcommand (and loading the server's classes) in each factory run, which
     * was ~15% of a 2,000-device submit's CPU.
     */
    private static CommandLine submitAlone() {
        CommandLine cli = new CommandLine(new SubmitCommand());
        cli.setCommandName("signer submit");
        cli.getCommandSpec().version(Version.TOOL);
        return cli;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
