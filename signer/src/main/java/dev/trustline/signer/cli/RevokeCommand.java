package dev.trustline.signer.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.signer.access.Actor;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.lifecycle.DeviceLifecycle;
import dev.trustline.signer.revocation.RevocationReason;
import dev.trustline.signer.store.LifecycleStore;
import dev.trustline.signer.store.Store;
import dev.trustline.signer.store.TransitionRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bin/signer revoke --device ID --reason REASON}: an operator at the signer host revokes a device's
 * current certificate (the backend role, as "cli:USER"), recorded in the registry and the ledger in one
 * transaction. The running signer serves a new CRL at its next fetch (a CRL missing a revocation is stale).
 */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke a device's current certificate for an RFC 5280 reason.")
public final class RevokeCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "signer.yaml") Path config;
    @Option(names = "--device", required = true, paramLabel = "ID") String device;
    @Option(names = "--reason", required = true, paramLabel = "REASON",
            description = "unspecified, key-compromise, affiliation-changed, superseded, cessation-of-operation, privilege-withdrawn")
    String reason;
    @Option(names = "--comment", paramLabel = "TEXT", description = "Why, in words (kept in the ledger).") String comment;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws TrustLineException {
        RevocationReason r = RevocationReason.parse(reason).orElse(null);
        if (r == null) {
            spec.commandLine().getErr().println("error: " + RevocationReason.refusal(reason));
            return 2;
        }
        SignerConfig c = SignerConfig.load(config);
        try (Store store = ServeCommand.openStore(c)) {
            DeviceLifecycle lifecycle = new DeviceLifecycle(new LifecycleStore(store), c.lifecycle().rules(), Clock.systemUTC());
            TransitionRecord t = lifecycle.revoke(operator(), device, r, comment);
            spec.commandLine().getOut().println("device " + device + " revoked (" + r.configName() + "), was " + t.from().code()
                    + "; ledger entry " + t.ledgerSeq() + "; the signer's CRL and OCSP list it from their next answer");
            return 0;
        }
    }

    static Actor operator() {
        return Actor.operator(System.getProperty("user.name", "operator"));
    }
}
