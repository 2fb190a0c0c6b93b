package dev.trustline.ceremony.cli;

import dev.trustline.ceremony.console.Confirmer;
import dev.trustline.ceremony.plan.Ceremony;
import dev.trustline.ceremony.run.CeremonyRunner;
import dev.trustline.ceremony.transcript.OutputDir;
import dev.trustline.ceremony.run.TokenSource;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.chain.PgpWords;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;

/** Shared by rehearse and run: print the file's SHA-256, run, print the chain head for the paper log. */
final class CeremonyLaunch {
    private CeremonyLaunch() {
    }

    static int run(Ceremony c, TokenSource tokens, Path out, Confirmer confirmer, String mode, String operator,
                   String hsmSha256, PrintWriter pw) throws TrustLineException {
        pw.println("ceremony " + c.id() + " (" + c.environment().configName() + ", " + mode + ")");
        pw.println("ceremony file sha256: " + c.sha256());
        pw.println("             words:  " + PgpWords.ofHex(c.sha256()));
        pw.flush();
        CeremonyRunner.Options options = new CeremonyRunner.Options(mode, operator, hsmSha256, Clock.systemUTC());
        CeremonyRunner.Result result = new CeremonyRunner(c, tokens, new OutputDir(out), confirmer, options).run();
        pw.println("ceremony complete: " + result.steps() + " steps; transcript " + out.resolve(OutputDir.TRANSCRIPT));
        pw.println("chain head: " + result.chainHead());
        pw.println("     words: " + PgpWords.ofHex(result.chainHead()));
        pw.println("Write the chain head on the paper log and have the witnesses sign it.");
        return 0;
    }

    static String defaultOperator() {
        return System.getProperty("user.name", "unknown");
    }
}
