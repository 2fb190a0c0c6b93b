package dev.trustline.signer.ca;

import dev.trustline.core.TrustLineException;
import dev.trustline.signer.ledger.CheckpointSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.bouncycastle.operator.ContentSigner;

/**
 * Ledger checkpoints signed by the issuing CA's key in the HSM, through the same ContentSigner
 * seam as certificates. The message is a checkpoint's canonical JSON, which starts with
 * <code>{"algorithm":</code> and names its context: it can never be read as a TBSCertificate,
 * CRL or OCSP response (DER, first byte 0x30), so the one key serves both without confusion.
 */
public final class HsmCheckpointSigner implements CheckpointSigner {

    private final IssuingCa ca;
    private final String name;

    public HsmCheckpointSigner(IssuingCa ca, String name) {
        this.ca = ca;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<byte[]> chain() {
        try {
            return List.of(ca.intermediate().getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String algorithm() {
        return ca.algorithm().signatureAlgorithm();
    }

    @Override
    public byte[] sign(byte[] message) throws TrustLineException {
        ContentSigner signer = ca.signer();
        try (OutputStream out = signer.getOutputStream()) {
            out.write(message);
        } catch (IOException e) {
            throw new TrustLineException("cannot sign a ledger checkpoint: " + e.getMessage(), e);
        }
        try {
            return signer.getSignature();
        } catch (RuntimeException e) {
            throw new TrustLineException("the HSM did not sign a ledger checkpoint: "
                    + e.getMessage(), e);
        }
    }
}
