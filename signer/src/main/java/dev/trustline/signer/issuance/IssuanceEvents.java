package dev.trustline.signer.issuance;

import java.time.Duration;

/**
 * What issuance reports to operations (metrics) without knowing about them: each finished batch and
 * each durable commit. Implementations must be cheap and never throw.
 */
public interface IssuanceEvents {
    /** A batch request finished: its results ({@code replayed} when nothing new was done) and how long it took. */
    void batchDone(String station, BatchResult result, Duration took);

    /** One chunk's registry rows and ledger entries became durable in {@code took}. */
    void committed(Duration took);

    IssuanceEvents NONE = new IssuanceEvents() {
        @Override
        public void batchDone(String station, BatchResult result, Duration took) {
        }

        @Override
        public void committed(Duration took) {
        }
    };
}
