package dev.trustline.signer.ca;

import java.io.OutputStream;
import java.time.Duration;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

/** The HSM signing seam with a stopwatch: reports the time from the signer's creation to its signature. */
final class TimedSigner implements ContentSigner {
    private final ContentSigner hsm;
    private final Consumer<Duration> listener;
    private final long start = System.nanoTime();

    TimedSigner(ContentSigner hsm, Consumer<Duration> listener) {
        this.hsm = hsm;
        this.listener = listener;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return hsm.getAlgorithmIdentifier();
    }

    @Override
    public OutputStream getOutputStream() {
        return hsm.getOutputStream();
    }

    @Override
    public byte[] getSignature() {
        byte[] signature = hsm.getSignature();
        listener.accept(Duration.ofNanos(System.nanoTime() - start));
        return signature;
    }
}
