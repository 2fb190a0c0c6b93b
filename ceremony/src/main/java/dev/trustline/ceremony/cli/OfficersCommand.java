package dev.trustline.ceremony.cli;

import dev.trustline.ceremony.quorum.TokenEnrolment;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.chain.PgpWords;
import dev.trustline.core.Environment;
import dev.trustline.core.quorum.Roster;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bin/ceremony officers}: put a token under M-of-N officer quorum, rotate its officers. */
@Command(name = "officers", mixinStandardHelpOptions = true, description = "Officer quorum: init, rotate.",
        subcommands = {OfficersCommand.Init.class, RotateCommand.class})
final class OfficersCommand {

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Initialise a new token whose PINs nobody sees, split its activation secret M of N into officer cards,"
                    + " check every officer unlocks their card once, then write the roster.")
    static final class Init implements Callable<Integer> {
        @Option(names = "--module", paramLabel = "PATH", defaultValue = "/usr/lib/softhsm/libsofthsm2.so",
                description = "PKCS#11 module (default: ${DEFAULT-VALUE})")
        Path module;

        @Option(names = "--token-label", required = true, paramLabel = "LABEL", description = "label of the new token")
        String tokenLabel;

        @Option(names = "--environment", defaultValue = "production", paramLabel = "production|test",
                description = "production enforces M >= 2 and the card KDF floor (default: ${DEFAULT-VALUE})")
        String environment;

        @Option(names = "--cards-dir", required = true, paramLabel = "DIR", description = "where to write ID.card.json for each officer")
        Path cardsDir;

        @Option(names = "--roster", required = true, paramLabel = "FILE", description = "the roster to write (officers.json)")
        Path roster;

        @Mixin
        OfficerOptions officers;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws TrustLineException {
            Environment env = environment(environment);
            Roster r = TokenEnrolment.enrol(module, tokenLabel, env, officers.threshold(), officers.officerList(),
                    officers.kdfParams(), officers.passphrases(), cardsDir, roster);
            var out = spec.commandLine().getOut();
            out.println("token '" + tokenLabel + "' initialised under " + r.threshold() + " of " + r.officers().size() + " officers");
            out.println("every officer unlocked their new card; roster written to " + roster);
            out.println("roster sha256: " + r.sha256Hex());
            out.println("       words:  " + PgpWords.ofHex(r.sha256Hex()));
            return 0;
        }
    }

    static Environment environment(String name) throws TrustLineException {
        return switch (name) {
            case "production" -> Environment.PRODUCTION;
            case "test" -> Environment.TEST;
            default -> throw new TrustLineException("--environment must be production or test");
        };
    }
}
