package dev.trustline.signer.store;

/**
 * A line of a batch that gets no certificate.
 *
 * @param lineNo the line of the batch, counting from 1
 * @param deviceId the device the line names, or null if the line could not even be parsed
 * @param station the station that submitted the line
 * @param operator the operator at that station
 * @param policyId the policy asked for, or null if unknown
 * @param code a stable, lower-case kebab-case reason, e.g. "bad-pop", "duplicate-device",
 *     "over-quota"
 * @param message a one-line human explanation
 * @param recordInLedger true to write a "refused" ledger entry for it (refusals worth an
 *     auditor's attention); false for noise such as malformed lines
 */
public record Refusal(int lineNo, String deviceId, String station, String operator,
        String policyId, String code, String message, boolean recordInLedger) {

    /** Refusal code: the device already holds a certificate and the line is no re-issue. */
    public static final String DUPLICATE_DEVICE = "duplicate-device";
    /** Refusal code: the policy's daily or total certificate quota is used up. */
    public static final String OVER_QUOTA = "over-quota";

    /** @throws IllegalArgumentException if a field is missing or malformed */
    public Refusal {
        Checks.lineNo(lineNo);
        Checks.text(station, "station");
        Checks.text(operator, "operator");
        if (code == null || !code.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("code must be lower-case kebab-case: " + code);
        }
        Checks.nonNull(message, "message");
    }
}
