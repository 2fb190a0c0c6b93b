package dev.trustline.signer.cli;

import dev.trustline.core.hsm.TokenInitializer;
import dev.trustline.signer.config.HsmSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Creates the signer's token (hsm.token-label) with the user PIN read from hsm.pin and a random SO PIN
 * that is never shown (so nobody can reset the user PIN). Quorum unseal of the signer comes later.
 */
@Command(name = "token-init", mixinStandardHelpOptions = true,
        description = "Create the signer's SoftHSM2/PKCS#11 token with the PIN from hsm.pin (SO PIN random, never shown).")
final class TokenInitCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "signer.yaml")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        HsmSettings hsm = HsmSettings.load(config);
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        char[] so = Base64.getUrlEncoder().withoutPadding().encodeToString(raw).toCharArray();
        char[] pin = hsm.pin().read(hsm.baseDir());
        try {
            TokenInitializer.initialise(hsm.module(), hsm.tokenLabel(), so, pin);
        } finally {
            Arrays.fill(so, '\0');
            Arrays.fill(pin, '\0');
            Arrays.fill(raw, (byte) 0);
        }
        spec.commandLine().getOut().println("token '" + hsm.tokenLabel() + "' created");
        return 0;
    }
}
