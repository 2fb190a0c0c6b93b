package dev.trustline.ceremony.cli;

import dev.trustline.ceremony.plan.Ceremony;
import dev.trustline.ceremony.plan.CeremonyPlanner;
import dev.trustline.core.chain.PgpWords;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Validates a ceremony file without touching any HSM and prints its SHA-256 for the review record. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a ceremony file completely (no HSM is opened) and print its SHA-256.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CEREMONY.yaml", description = "the ceremony file")
    Path ceremonyFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Ceremony c = CeremonyPlanner.plan(ceremonyFile);
        var out = spec.commandLine().getOut();
        out.println("ceremony " + c.id() + " (" + c.environment().configName() + "): " + c.steps().size() + " steps, valid");
        out.println("ceremony file sha256: " + c.sha256());
        out.println("             words:  " + PgpWords.ofHex(c.sha256()));
        return 0;
    }
}
