package dev.trustline.signer.store;

/** A registered batch: who sent it, for which policy, and how many lines it has. */
public record BatchInfo(String batchId, String station, String policyId, int lineCount) {
}
