package dev.trustline.ceremony.verify;

/**
 * What the auditor's check concluded. {@code ok} only for an intact chain that ends with "end" and
 * whose outputs all match; otherwise {@code message} names the first bad entry (or the abort) and why.
 */
public record AuditResult(boolean ok, String message, String chainHead, int entries) {
}
