package dev.trustline.ceremony.cli;

import dev.trustline.ceremony.console.AutoConfirmer;
import dev.trustline.ceremony.console.Confirmer;
import dev.trustline.ceremony.console.JlineConfirmer;
import dev.trustline.ceremony.plan.Ceremony;
import dev.trustline.ceremony.plan.CeremonyPlanner;
import dev.trustline.ceremony.run.RehearsalTokens;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runs the whole ceremony against throwaway SoftHSM2 tokens created for it and deleted afterwards. */
@Command(name = "rehearse", mixinStandardHelpOptions = true,
        description = "Rehearse a ceremony on throwaway SoftHSM2 tokens (same code path as run; the transcript says rehearsal).")
final class RehearseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CEREMONY.yaml", description = "the ceremony file")
    Path ceremonyFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (outputs are created new)")
    Path out;

    @Option(names = "--yes", description = "confirm every signature automatically (rehearsals only)")
    boolean yes;

    @Option(names = "--operator", paramLabel = "NAME", description = "who runs the rehearsal (default: the OS user)")
    String operator;

    @Option(names = "--module", paramLabel = "PATH", description = "SoftHSM2 module (default: ${DEFAULT-VALUE})",
            defaultValue = "/usr/lib/softhsm/libsofthsm2.so")
    Path module;

    /** With --officer: every throwaway token is enrolled M of N (cards under DIR/rehearsal-officers) and activated by cards. */
    @picocli.CommandLine.Mixin
    OfficerOptions officers;

    @Spec
    CommandSpec spec;

    private dev.trustline.ceremony.run.RehearsalOfficers rehearsalOfficers() throws dev.trustline.core.TrustLineException {
        if (officers.officers.isEmpty()) {
            return null;
        }
        OfficerOptions o = officers;
        dev.trustline.core.quorum.KdfParams kdf = "production".equals(o.kdf) && !spec.commandLine().getParseResult()
                .hasMatchedOption("--kdf") ? dev.trustline.core.quorum.KdfParams.forTests() : o.kdfParams();
        return new dev.trustline.ceremony.run.RehearsalOfficers(o.threshold(), o.officerList(), o.passphrases(), kdf);
    }

    @Override
    public Integer call() throws Exception {
        Ceremony c = CeremonyPlanner.plan(ceremonyFile);
        PrintStream console = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        Confirmer confirmer = yes ? new AutoConfirmer(console) : new JlineConfirmer(console);
        RehearsalTokens tokens = new RehearsalTokens(module, rehearsalOfficers(), out);
        return CeremonyLaunch.run(c, tokens, out, confirmer, "rehearsal",
                operator == null ? CeremonyLaunch.defaultOperator() : operator, null, spec.commandLine().getOut());
    }
}
