package dev.trustline.ceremony.cli;

import dev.trustline.ceremony.quorum.PassphraseFiles;
import dev.trustline.ceremony.quorum.PassphraseSource;
import dev.trustline.ceremony.quorum.TerminalPassphrases;
import dev.trustline.ceremony.quorum.TokenEnrolment;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.quorum.KdfParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Officer options shared by officers init/rotate and quorum rehearsals. */
final class OfficerOptions {
    @Option(names = "--officer", paramLabel = "ID=NAME", description = "an officer to enrol (repeat for each of the N officers)")
    LinkedHashMap<String, String> officers = new LinkedHashMap<>();

    @Option(names = "--threshold", paramLabel = "M", description = "officers needed to activate and to approve (1 only for test)")
    Integer threshold;

    @Option(names = "--passphrase-file", paramLabel = "ID=FILE",
            description = "read officer ID's passphrase from FILE (rehearsals and tests; otherwise a masked prompt at the terminal)")
    Map<String, Path> passphraseFiles = new LinkedHashMap<>();

    @Option(names = "--kdf", paramLabel = "test|production", description = "Argon2id cost for new cards (default: ${DEFAULT-VALUE}; test only for test rosters)",
            defaultValue = "production")
    String kdf;

    PassphraseSource passphrases() throws TrustLineException {
        return passphraseFiles.isEmpty() ? TerminalPassphrases.open() : new PassphraseFiles(passphraseFiles);
    }

    List<TokenEnrolment.Officer> officerList() throws TrustLineException {
        if (officers.isEmpty()) {
            throw new TrustLineException("name the officers with --officer ID=NAME (one per officer)");
        }
        List<TokenEnrolment.Officer> list = new ArrayList<>();
        officers.forEach((id, name) -> list.add(new TokenEnrolment.Officer(id, name)));
        return list;
    }

    int threshold() throws TrustLineException {
        if (threshold == null) {
            throw new TrustLineException("give the threshold M with --threshold");
        }
        return threshold;
    }

    /** Production cards: at least 256 MiB, iterations calibrated so one unlock takes about a second here. */
    private static KdfParams calibrated() throws TrustLineException {
        return dev.trustline.core.quorum.Calibrator.measuring().calibrate(KdfParams.production(), java.time.Duration.ofSeconds(1));
    }

    KdfParams kdfParams() throws TrustLineException {
        return switch (kdf) {
            case "test" -> KdfParams.forTests();
            case "production" -> calibrated();
            default -> throw new TrustLineException("--kdf must be test or production");
        };
    }
}
