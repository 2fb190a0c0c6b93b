package dev.trustline.signer.limits;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A nanoTime source the test moves by hand; starts at an arbitrary (negative) value. */
final class FakeClock implements LongSupplier {
    private final AtomicLong nanos = new AtomicLong(-5_000_000_000L);

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    void advanceNanos(long n) {
        nanos.addAndGet(n);
    }
}
