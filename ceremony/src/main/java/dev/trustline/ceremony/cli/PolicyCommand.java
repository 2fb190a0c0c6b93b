package dev.trustline.ceremony.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.policy.Policy;
import dev.trustline.core.policy.PolicySignature;
import dev.trustline.core.policy.VerifiedPolicySignature;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bin/ceremony policy verify}: check a policy's root signature (NAME.yaml.p7s) and its content. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Issuance policies signed by the root.",
        subcommands = {PolicyCommand.Verify.class, PolicyContractCommand.class})
final class PolicyCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify POLICY.yaml against POLICY.yaml.p7s and a root certificate, then validate the policy.")
    static final class Verify implements Callable<Integer> {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
        @Parameters(index = "0", paramLabel = "POLICY.yaml") Path policy;
        @Option(names = "--root", required = true, paramLabel = "root.pem", description = "the trusted root certificate") Path root;
        @Option(names = "--signature", paramLabel = "P7S", description = "default: POLICY.yaml.p7s") Path signature;
        @Option(names = "--json", description = "print the result (or the error) as one JSON object on standard output") boolean json;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws TrustLineException {
            Path p7s = signature != null ? signature : Path.of(policy + ".p7s");
            VerifiedPolicySignature v;
            Policy parsed;
            try {
                byte[] bytes = read(policy);
                v = PolicySignature.verify(bytes, read(p7s), rootCertificate());
                parsed = Policy.parse(bytes, policy.toString());
            } catch (TrustLineException e) {
                if (!json) {
                    throw e;
                }
                spec.commandLine().getOut().println(JSON.createObjectNode().put("ok", false).put("policy_file", policy.toString())
                        .put("error", e.getMessage()));
                return 1;
            }
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(JSON.createObjectNode().put("ok", true).put("policy_file", policy.toString()).put("policy", parsed.id())
                        .put("version", parsed.version()).put("environment", parsed.environment().name().toLowerCase(java.util.Locale.ROOT))
                        .put("signer", String.valueOf(v.signer())).put("signing_time", String.valueOf(v.signingTime()))
                        .put("policy_sha256", v.policySha256()));
                return 0;
            }
            out.println("OK: policy " + parsed.id() + " v" + parsed.version() + " (" + parsed.environment().name().toLowerCase(java.util.Locale.ROOT)
                    + ") signed by " + v.signer() + " at " + v.signingTime());
            out.println("policy sha256: " + v.policySha256());
            return 0;
        }

        private X509CertificateHolder rootCertificate() throws TrustLineException {
            try (PEMParser p = new PEMParser(new StringReader(new String(read(root), java.nio.charset.StandardCharsets.US_ASCII)))) {
                Object o = p.readObject();
                if (o instanceof X509CertificateHolder c) {
                    return c;
                }
                throw new TrustLineException(root + " is not a PEM certificate");
            } catch (IOException e) {
                throw new TrustLineException(root + " is not valid PEM", e);
            }
        }

        private static byte[] read(Path file) throws TrustLineException {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new TrustLineException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
            }
        }
    }
}
