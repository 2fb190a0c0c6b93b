package dev.trustline.ceremony.cli;

import dev.trustline.ceremony.quorum.OfficerQuorum;
import dev.trustline.ceremony.quorum.TokenEnrolment;
import dev.trustline.ceremony.transcript.OutputDir;
import dev.trustline.ceremony.run.QuorumInputs;
import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.Version;
import dev.trustline.core.chain.PgpWords;
import dev.trustline.core.hsm.TokenInitializer;
import dev.trustline.core.quorum.ActivationSecret;
import dev.trustline.core.quorum.Roster;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Rotates a token's officers: M current officers unlock their cards, a new activation secret is split
 * into new cards (every new officer unlocks theirs once), the token's PINs change, and a new roster is
 * written. Old cards stop working. Everything is recorded in DIR/transcript.jsonl.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Replace a token's officers and activation secret; needs M current officers; old cards stop working.")
final class RotateCommand implements Callable<Integer> {
    @Option(names = "--module", paramLabel = "PATH", defaultValue = "/usr/lib/softhsm/libsofthsm2.so",
            description = "PKCS#11 module (default: ${DEFAULT-VALUE})")
    Path module;

    @Option(names = "--roster", required = true, paramLabel = "FILE", description = "the current roster (officers.json)")
    Path roster;

    @Option(names = "--card", required = true, paramLabel = "FILE", description = "a current officer's card (M of them)")
    List<Path> cards = new ArrayList<>();

    @Option(names = "--cards-dir", required = true, paramLabel = "DIR", description = "where to write the new cards")
    Path cardsDir;

    @Option(names = "--new-roster", required = true, paramLabel = "FILE", description = "the new roster to write")
    Path newRoster;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write the rotation transcript")
    Path out;

    @Option(names = "--current-passphrase-file", paramLabel = "ID=FILE",
            description = "tests only: a current officer's passphrase from FILE (otherwise a masked prompt at the terminal)")
    java.util.Map<String, Path> currentPassphraseFiles = new java.util.LinkedHashMap<>();

    /** The new officers: --officer, --threshold, --passphrase-file (for the new cards), --kdf. */
    @Mixin
    OfficerOptions officers;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TrustLineException {
        Roster old = Roster.read(roster);
        OutputDir dir = new OutputDir(out);
        dir.prepare();
        try (Transcript t = Transcript.create(out.resolve(OutputDir.TRANSCRIPT), Clock.systemUTC())) {
            t.append("start", Transcript.payload().put("tool", Version.TOOL).put("mode", "officers-rotate")
                    .put("token-label", old.tokenLabel()).put("roster-sha256", old.sha256Hex()));
            try {
                Roster next = rotate(old, t);
                t.append("roster-rotated", Transcript.payload().put("old-roster-id", old.rosterId())
                        .put("new-roster-id", next.rosterId()).put("new-roster-sha256", next.sha256Hex())
                        .put("threshold", next.threshold()).put("officers", next.officers().size()));
                t.append("end", Transcript.payload().put("token-label", old.tokenLabel()));
                report(next);
                return 0;
            } catch (TrustLineException e) {
                t.append("abort", Transcript.payload().put("step", "rotate").put("kind", "error").put("reason", e.getMessage()));
                throw e;
            }
        }
    }

    private Roster rotate(Roster old, Transcript t) throws TrustLineException {
        QuorumInputs inputs = new QuorumInputs(cards, currentPassphraseFiles.isEmpty() ? null
                : new dev.trustline.ceremony.quorum.PassphraseFiles(currentPassphraseFiles));
        try (OfficerQuorum quorum = OfficerQuorum.activate("token", old, inputs.cards(), inputs.passphrases(), t);
             ActivationSecret oldSecret = quorum.activationSecret(t)) {
            return TokenEnrolment.enrol(old.tokenLabel(), old.environment(), officers.threshold(), officers.officerList(),
                    officers.kdfParams(), officers.passphrases(), cardsDir, newRoster, next -> changePins(old, oldSecret, next));
        }
    }

    private void changePins(Roster old, ActivationSecret oldSecret, ActivationSecret next) throws TrustLineException {
        char[][] before = TokenEnrolment.pins(oldSecret);
        char[][] after = TokenEnrolment.pins(next);
        try {
            TokenInitializer.changePins(module, old.tokenLabel(), before[1], after[1], before[0], after[0]);
        } finally {
            for (char[] pin : new char[][] {before[0], before[1], after[0], after[1]}) {
                Arrays.fill(pin, '\0');
            }
        }
    }

    private void report(Roster next) {
        var o = spec.commandLine().getOut();
        o.println("officers rotated: " + next.threshold() + " of " + next.officers().size() + "; token PINs changed; old cards no longer work");
        o.println("new roster " + newRoster + " sha256: " + next.sha256Hex());
        o.println("       words: " + PgpWords.ofHex(next.sha256Hex()));
    }
}
