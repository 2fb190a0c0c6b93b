package dev.trustline.signer.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.quorum.Roster;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.seal.UnsealClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Officers unseal a sealed signer at its console: each opens their card (a masked prompt for the
 * passphrase, or a file in tests); the signer checks their signed shares and rebuilds its PIN in memory.
 */
@Command(name = "unseal", mixinStandardHelpOptions = true,
        description = "Unseal a signer started with hsm.quorum: M officers open their cards; the signer rebuilds its PIN in memory only.")
final class UnsealCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "signer.yaml", description = "the sealed signer's configuration")
    Path config;

    @picocli.CommandLine.Mixin
    OfficerCards officers;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TrustLineException {
        SignerConfig c = SignerConfig.load(config);
        if (c.quorum() == null) {
            throw new TrustLineException(config + " has no hsm.quorum: this signer is not sealed by officers");
        }
        UnsealClient.Outcome outcome = UnsealClient.unseal(c.file(), Roster.read(c.quorum()), officers.cards(), officers::passphrase);
        outcome.notes().forEach(spec.commandLine().getErr()::println);
        (outcome.unsealed() ? spec.commandLine().getOut() : spec.commandLine().getErr())
                .println(outcome.unsealed() ? outcome.message() : "error: the signer stays sealed: " + outcome.message());
        return outcome.unsealed() ? 0 : 1;
    }
}
