package dev.trustline.signer.ledger;

import dev.trustline.core.TrustLineException;
import java.util.List;

/**
 * The port through which the ledger gets its checkpoints signed: in the signer, the issuing CA
 * key in the HSM (see runbooks/signer-store.md, "Checkpoints"); in tests, a software key.
 */
public interface CheckpointSigner {

    /** The signer instance's name, written into each checkpoint. */
    String name();

    /** The signing certificate, then intermediates up to (not including) the root, DER. */
    List<byte[]> chain();

    /** The JCA signature algorithm, one of {@link CheckpointTrust#ALGORITHMS}. */
    String algorithm();

    /** The signature over {@code message}. */
    byte[] sign(byte[] message) throws TrustLineException;
}
