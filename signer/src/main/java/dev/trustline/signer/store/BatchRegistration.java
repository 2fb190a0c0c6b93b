package dev.trustline.signer.store;

import java.util.List;

/**
 * What {@link Store#registerBatch} found.
 *
 * @param status see {@link Status}
 * @param batchId the batch
 * @param lineCount the number of lines registered for it
 * @param results the lines already committed, in line order (empty for NEW and CONFLICT)
 * @param message for CONFLICT, why; otherwise a short description
 */
public record BatchRegistration(Status status, String batchId, int lineCount,
        List<BatchResultRow> results, String message) {

    public enum Status {
        /** First time this batch id is seen: process every line. */
        NEW,
        /**
         * Seen before with the same content and station, and every line has a committed result:
         * return {@link #results()} again, sign nothing.
         */
        EXISTING,
        /**
         * Seen before with the same content and station, but some lines have no committed
         * result (the previous attempt stopped between chunks): return the committed lines from
         * {@link #results()} and process only {@link #pendingLines()}.
         */
        RESUMED,
        /** The id was registered with different content, station, policy or line count. */
        CONFLICT
    }

    public BatchRegistration {
        results = List.copyOf(results);
    }

    /** The line numbers (from 1) that still need processing. */
    public List<Integer> pendingLines() {
        if (status == Status.CONFLICT || status == Status.EXISTING) {
            return List.of();
        }
        boolean[] done = new boolean[lineCount + 1];
        results.forEach(r -> done[r.lineNo()] = true);
        List<Integer> pending = new java.util.ArrayList<>();
        for (int i = 1; i <= lineCount; i++) {
            if (!done[i]) {
                pending.add(i);
            }
        }
        return pending;
    }
}
