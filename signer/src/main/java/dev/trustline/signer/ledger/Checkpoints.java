package dev.trustline.signer.ledger;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.chain.CanonicalJson;

/** Makes checkpoint payloads. */
public final class Checkpoints {

    private Checkpoints() {
    }

    /**
     * A signed checkpoint stating that the ledger has {@code entries} entries ending in
     * {@code head}, written at {@code time} (the time of the checkpoint entry itself).
     */
    public static CheckpointEntry sign(CheckpointSigner signer, long entries, String head,
            String time) throws TrustLineException {
        String issuer = CanonicalJson.sha256Hex(signer.chain().get(0));
        CheckpointEntry unsigned = new CheckpointEntry(entries, head, time, signer.name(), issuer,
                signer.chain(), signer.algorithm(), new byte[0]);
        byte[] signature = signer.sign(unsigned.signedBytes());
        return new CheckpointEntry(entries, head, time, signer.name(), issuer, signer.chain(),
                signer.algorithm(), signature);
    }
}
