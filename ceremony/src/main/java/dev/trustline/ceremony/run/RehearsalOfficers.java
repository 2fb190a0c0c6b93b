package dev.trustline.ceremony.run;

import dev.trustline.ceremony.quorum.PassphraseSource;
import dev.trustline.ceremony.quorum.TokenEnrolment;
import dev.trustline.core.quorum.KdfParams;
import java.util.List;

/**
 * Officers for a quorum rehearsal: each throwaway token is enrolled under M of N with cards written
 * under the output folder, then activated and used exactly as in a real run.
 */
public record RehearsalOfficers(int threshold, List<TokenEnrolment.Officer> officers, PassphraseSource passphrases,
                                KdfParams kdf) {
    public RehearsalOfficers {
        officers = List.copyOf(officers);
    }
}
