package dev.trustline.signer.cli;

import dev.trustline.core.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/signer}: the manufacturing signer. Its commands (keygen, serve, submit, ledger) arrive
 * with issue 4; for now it only answers --help and --version.
 */
@Command(name = "signer", mixinStandardHelpOptions = true, version = Version.TOOL,
        description = "TrustLine manufacturing signer (keygen, serve, submit and ledger arrive with the signer issue).")
public final class SignerCli implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SignerCli());
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
