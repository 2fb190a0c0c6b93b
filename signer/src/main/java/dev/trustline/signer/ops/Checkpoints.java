package dev.trustline.signer.ops;

import java.time.Instant;
import java.util.Optional;

/**
 * When the ledger's last checkpoint was made, for the "last checkpoint age" gauge. Until the ledger
 * keeps checkpoints, {@link #NONE_YET} answers "none yet" (the gauge reads NaN).
 */
public interface Checkpoints {
    Optional<Instant> last() throws Exception;

    Checkpoints NONE_YET = Optional::empty;
}
