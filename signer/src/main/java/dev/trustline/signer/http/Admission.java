package dev.trustline.signer.http;

import dev.trustline.signer.issuance.BatchRejected;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * Bounded work: at most {@code perStation} batch requests of one station and {@code total} of all
 * stations are read and processed at once; one more is shed at once with 503 + Retry-After instead of
 * waiting in a queue (so accepted requests keep a bounded latency, and memory stays below
 * total x max-request-bytes). Decided after the station and policy are checked, before the body is read.
 */
final class Admission {
    /** Retry-After of a shed request, in seconds. */
    static final long RETRY_AFTER_SECONDS = 1;

    private final Semaphore total;
    private final int perStation;
    private final ConcurrentMap<String, Semaphore> stations = new ConcurrentHashMap<>();

    Admission(int total, int perStation) {
        this.total = new Semaphore(total);
        this.perStation = perStation;
    }

    /** A ticket to release when the response is written; a 503 BatchRejected when over either cap. */
    Ticket enter(String station) throws BatchRejected {
        Semaphore own = stations.computeIfAbsent(station, s -> new Semaphore(perStation));
        if (!own.tryAcquire()) {
            throw new BatchRejected(503, "station '" + station + "' already has " + perStation + " batch requests in progress; retry later");
        }
        if (!total.tryAcquire()) {
            own.release();
            throw new BatchRejected(503, "the signer is at capacity; retry later");
        }
        return () -> {
            total.release();
            own.release();
        };
    }

    interface Ticket extends AutoCloseable {
        @Override
        void close();
    }
}
