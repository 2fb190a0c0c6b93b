package dev.trustline.ceremony.cli;

import dev.trustline.ceremony.contract.Contract;
import dev.trustline.ceremony.contract.ContractBuilder;
import dev.trustline.ceremony.contract.ContractPage;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.files.NewFiles;
import dev.trustline.core.policy.Policy;
import dev.trustline.core.policy.PolicySignature;
import dev.trustline.core.policy.VerifiedPolicySignature;
import dev.trustline.core.x509.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bin/ceremony policy contract}: the one-page provisioning contract from a signed policy. */
@Command(name = "contract", mixinStandardHelpOptions = true,
        description = {"Render the provisioning contract of POLICY.yaml: HTML for --out NAME.html, Markdown for NAME.md.",
            "With --root, the root signature (POLICY.yaml.p7s) is verified and its status printed on the page."})
final class PolicyContractCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "POLICY.yaml") Path policy;
    @Option(names = "--out", required = true, paramLabel = "contract.html|contract.md") Path out;
    @Option(names = "--root", paramLabel = "root.pem", description = "verify the policy's root signature against this root") Path root;
    @Option(names = "--signature", paramLabel = "P7S", description = "default: POLICY.yaml.p7s") Path signature;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws TrustLineException {
        String name = out.getFileName().toString();
        if (!name.endsWith(".html") && !name.endsWith(".md")) {
            throw new TrustLineException("--out " + out + ": the name must end in .html or .md");
        }
        byte[] bytes = read(policy);
        Policy parsed = Policy.parse(bytes, policy.toString());
        Contract c = ContractBuilder.build(parsed, signatureStatus(bytes));
        String page = name.endsWith(".html") ? ContractPage.html(c) : ContractPage.markdown(c);
        NewFiles.writeNew(out, page.getBytes(StandardCharsets.UTF_8), NewFiles.PUBLIC, "contract");
        spec.commandLine().getOut().println("contract for policy " + parsed.id() + " v" + parsed.version() + " written to " + out);
        return 0;
    }

    private String signatureStatus(byte[] bytes) throws TrustLineException {
        Path p7s = signature != null ? signature : Path.of(policy + ".p7s");
        if (!Files.exists(p7s)) {
            return "UNSIGNED: no " + p7s.getFileName() + "; the signer refuses this policy until the root signs it";
        }
        if (root == null) {
            return "signature file present (" + p7s.getFileName() + "), not verified here: pass --root to verify";
        }
        VerifiedPolicySignature v = PolicySignature.verify(bytes, read(p7s), Pem.certificate(root));
        return "verified: signed by " + v.signer() + " at " + v.signingTime();
    }

    private static byte[] read(Path file) throws TrustLineException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TrustLineException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
