package dev.trustline.signer.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.PinSource;
import dev.trustline.core.x509.Pem;
import dev.trustline.signer.tls.StationCa;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The station CA: init (key + CSR for the ceremony), issue (station client or signer server certificates). */
@Command(name = "station-ca", mixinStandardHelpOptions = true, description = "The factory's station CA (mTLS identities).",
        subcommands = {StationCaCommand.Init.class, StationCaCommand.Issue.class})
final class StationCaCommand {

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Make the station CA key (PKCS#12) and a CSR for the root ceremony.")
    static final class Init implements Callable<Integer> {
        @Option(names = "--key-store", required = true, paramLabel = "CA.p12") Path keyStore;
        @Option(names = "--password", required = true, paramLabel = "file:PATH|env:NAME", description = "the PKCS#12 password reference") String password;
        @Option(names = "--csr", required = true, paramLabel = "CA.csr") Path csr;
        @Option(names = "--name", defaultValue = "TrustLine Station CA", paramLabel = "CN") String name;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws TrustLineException {
            char[] pw = secret(password);
            try {
                StationCa.init(keyStore, csr, name, pw);
            } finally {
                Arrays.fill(pw, '\0');
            }
            spec.commandLine().getOut().println("station CA key in " + keyStore + "; CSR for the ceremony in " + csr);
            return 0;
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true, description = "Issue a station (client) or the signer's server certificate into a new PKCS#12.")
    static final class Issue implements Callable<Integer> {
        @Option(names = "--key-store", required = true, paramLabel = "CA.p12") Path keyStore;
        @Option(names = "--password", required = true, paramLabel = "file:PATH|env:NAME") String password;
        @Option(names = "--ca-chain", required = true, paramLabel = "PEM", description = "the station CA certificate (from the ceremony), then its issuers") Path caChain;
        @Option(names = "--client", paramLabel = "STATION", description = "a station identity (client certificate CN)") String client;
        @Option(names = "--server", paramLabel = "HOST", description = "the signer's host name (server certificate)") String server;
        @Option(names = "--days", defaultValue = "365") int days;
        @Option(names = "--out", required = true, paramLabel = "OUT.p12") Path out;
        @Option(names = "--out-password", required = true, paramLabel = "file:PATH|env:NAME") String outPassword;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws TrustLineException {
            if ((client == null) == (server == null)) {
                throw new TrustLineException("give exactly one of --client STATION or --server HOST");
            }
            char[] pw = secret(password);
            char[] outPw = secret(outPassword);
            try {
                StationCa.issue(keyStore, pw, Pem.certificates(caChain), client != null ? client : server, server != null,
                        Duration.ofDays(days), out, outPw);
            } finally {
                Arrays.fill(pw, '\0');
                Arrays.fill(outPw, '\0');
            }
            spec.commandLine().getOut().println((server != null ? "server" : "station") + " certificate for '"
                    + (client != null ? client : server) + "' in " + out);
            return 0;
        }
    }

    static char[] secret(String ref) throws TrustLineException {
        if (!PinSource.isValid(ref)) {
            throw new TrustLineException("a password is given as a reference, file:PATH or env:NAME, never on the command line");
        }
        return new PinSource(ref).read(Path.of("."));
    }
}
