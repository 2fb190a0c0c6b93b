package dev.trustline.signer.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.PinSource;
import dev.trustline.core.x509.Pem;
import dev.trustline.signer.tls.StationCa;
import dev.trustline.signer.tls.StationRevocation;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
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
        subcommands = {StationCaCommand.Init.class, StationCaCommand.Issue.class, StationCaCommand.Revoke.class,
            StationCaCommand.Crl.class})
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
        @Option(names = "--replace", description = "revoke (superseded) the name's live certificate; give --crl to publish that")
        boolean replace;
        @Option(names = "--crl", paramLabel = "CRL.pem", description = "with --replace: the CRL file to rewrite") Path crl;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws TrustLineException {
            if ((client == null) == (server == null)) {
                throw new TrustLineException("give exactly one of --client STATION or --server HOST");
            }
            char[] pw = secret(password);
            char[] outPw = secret(outPassword);
            try {
                List<X509CertificateHolder> chain = Pem.certificates(caChain);
                StationCa.issue(keyStore, pw, chain, client != null ? client : server, server != null,
                        Duration.ofDays(days), out, outPw, replace);
                if (replace && crl != null) {
                    StationRevocation.writeCrl(keyStore, pw, chain.get(0), crl);
                }
            } finally {
                Arrays.fill(pw, '\0');
                Arrays.fill(outPw, '\0');
            }
            spec.commandLine().getOut().println((server != null ? "server" : "station") + " certificate for '"
                    + (client != null ? client : server) + "' in " + out);
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a station (or server) certificate and rewrite the CRL the signer enforces.")
    static final class Revoke implements Callable<Integer> {
        @Option(names = "--key-store", required = true, paramLabel = "CA.p12") Path keyStore;
        @Option(names = "--password", required = true, paramLabel = "file:PATH|env:NAME") String password;
        @Option(names = "--ca-chain", required = true, paramLabel = "PEM", description = "the station CA certificate, then its issuers") Path caChain;
        @Option(names = "--serial", paramLabel = "HEX", description = "the certificate's serial number (hex)") String serial;
        @Option(names = "--cert", paramLabel = "CERT.pem", description = "or the certificate itself (PEM)") Path cert;
        @Option(names = "--reason", required = true, paramLabel = "REASON",
                description = "key-compromise, affiliation-changed, superseded, cessation-of-operation, unspecified") String reason;
        @Option(names = "--crl", required = true, paramLabel = "CRL.pem", description = "the CRL file to (re)write; the signer reloads it") Path crl;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws TrustLineException {
            if ((serial == null) == (cert == null)) {
                throw new TrustLineException("give exactly one of --serial HEX or --cert CERT.pem");
            }
            StationRevocation.reasonCode(reason);
            String hex = serial != null ? serial : dev.trustline.core.x509.Serials.hex(Pem.certificate(cert).getSerialNumber());
            List<X509CertificateHolder> chain = Pem.certificates(caChain);
            char[] pw = secret(password);
            try {
                var revoked = StationRevocation.revoke(keyStore, hex, reason);
                int n = StationRevocation.writeCrl(keyStore, pw, chain.get(0), crl);
                spec.commandLine().getOut().println("revoked '" + revoked.cn() + "' serial " + revoked.serialHex() + " (" + reason
                        + "); " + crl + " lists " + n + " revoked certificates");
            } finally {
                Arrays.fill(pw, '\0');
            }
            return 0;
        }
    }

    @Command(name = "crl", mixinStandardHelpOptions = true, description = "Write (re-sign) the station CA's CRL: every revoked certificate, valid 30 days.")
    static final class Crl implements Callable<Integer> {
        @Option(names = "--key-store", required = true, paramLabel = "CA.p12") Path keyStore;
        @Option(names = "--password", required = true, paramLabel = "file:PATH|env:NAME") String password;
        @Option(names = "--ca-chain", required = true, paramLabel = "PEM") Path caChain;
        @Option(names = "--out", required = true, paramLabel = "CRL.pem") Path out;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws TrustLineException {
            List<X509CertificateHolder> chain = Pem.certificates(caChain);
            char[] pw = secret(password);
            try {
                int n = StationRevocation.writeCrl(keyStore, pw, chain.get(0), out);
                spec.commandLine().getOut().println(out + " lists " + n + " revoked certificates");
            } finally {
                Arrays.fill(pw, '\0');
            }
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
