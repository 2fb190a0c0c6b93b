package dev.trustline.ceremony.cli;

import dev.trustline.ceremony.console.JlineConfirmer;
import dev.trustline.ceremony.plan.Ceremony;
import dev.trustline.ceremony.plan.CeremonyPlanner;
import dev.trustline.ceremony.plan.SiteHsm;
import dev.trustline.ceremony.run.SiteTokens;
import dev.trustline.core.TrustLineException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The real ceremony: site HSMs from the HSM file, and a typed "yes" before every signature. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a ceremony on the site's HSMs; every signature needs the operator to type yes.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CEREMONY.yaml", description = "the reviewed ceremony file")
    Path ceremonyFile;

    @Option(names = "--hsm", required = true, paramLabel = "HSM.yaml", description = "site HSM file: module, token label and PIN reference per token")
    Path hsmFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (outputs are created new)")
    Path out;

    @Option(names = "--operator", paramLabel = "NAME", description = "who runs the ceremony (default: the OS user)")
    String operator;

    @Option(names = "--card", paramLabel = "FILE", description = "an officer's card (repeat for each officer present)")
    java.util.List<Path> cards = new java.util.ArrayList<>();

    @Option(names = "--passphrase-file", paramLabel = "ID=FILE",
            description = "tests only: officer ID's passphrase from FILE (otherwise a masked prompt at the terminal)")
    java.util.Map<String, Path> passphraseFiles = new java.util.LinkedHashMap<>();

    @Option(names = "--yes", hidden = true)
    boolean yes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (yes) {
            throw new TrustLineException("--yes is refused for run: every signature of a real ceremony needs a typed yes");
        }
        Ceremony c = CeremonyPlanner.plan(ceremonyFile);
        SiteHsm site = SiteHsm.load(hsmFile, c);
        PrintStream console = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        try (JlineConfirmer confirmer = new JlineConfirmer(console)) {
            return CeremonyLaunch.run(c, new SiteTokens(site, new dev.trustline.ceremony.run.QuorumInputs(cards,
                    passphraseFiles.isEmpty() ? null : new dev.trustline.ceremony.quorum.PassphraseFiles(passphraseFiles))),
                    out, confirmer, "run",
                    operator == null ? CeremonyLaunch.defaultOperator() : operator, site.sha256(), spec.commandLine().getOut());
        }
    }
}
