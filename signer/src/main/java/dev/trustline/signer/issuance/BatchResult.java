package dev.trustline.signer.issuance;

import java.util.List;

/** Every line's result, in line order, and whether this request replayed a completed batch. */
public record BatchResult(String batchId, String policyId, List<LineResult> lines, boolean replayed) {
    public BatchResult {
        lines = List.copyOf(lines);
    }

    public long count(LineResult.Status status) {
        return lines.stream().filter(l -> l.status() == status).count();
    }
}
