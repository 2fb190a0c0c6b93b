package dev.trustline.signer.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustline.core.TrustLineException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Keeps up to {@code window} chunk requests in flight, so the signer signs the next chunk while it commits the
 * previous one; answers are taken in the order the chunks were sent. Each chunk has its own batch id, so a retry of
 * any of them stays idempotent.
 */
public final class InFlight implements AutoCloseable {
    /** A sent chunk's batch id and its answer to come. */
    public record Sent(String batchId, int lines, Future<JsonNode> answer) {
    }

    private final BatchClient client;
    private final int window;
    private final ExecutorService senders;
    private final ArrayDeque<Sent> queue = new ArrayDeque<>();

    public InFlight(BatchClient client, int window) {
        this.client = client;
        this.window = window;
        this.senders = Executors.newFixedThreadPool(window, r -> {
            Thread t = new Thread(r, "trustline-submit");
            t.setDaemon(true);
            return t;
        });
    }

    /** Sends a chunk; returns the oldest answered chunk when the window is full, else null. */
    public Done send(String batchId, String policy, List<String> lines) throws TrustLineException {
        queue.add(new Sent(batchId, lines.size(), senders.submit(() -> client.send(batchId, policy, lines))));
        return queue.size() >= window ? take() : null;
    }

    /** The oldest chunk's answer (waiting for it), or null when none is in flight. */
    public Done take() throws TrustLineException {
        Sent s = queue.poll();
        if (s == null) {
            return null;
        }
        try {
            return new Done(s.batchId(), s.lines(), s.answer().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrustLineException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TrustLineException t) {
                throw t;
            }
            throw new TrustLineException("sending batch " + s.batchId() + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** An answered chunk. */
    public record Done(String batchId, int lines, JsonNode response) {
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
