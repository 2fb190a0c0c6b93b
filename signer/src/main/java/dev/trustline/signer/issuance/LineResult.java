package dev.trustline.signer.issuance;

import java.time.Duration;

/**
 * The outcome of one batch line: issued (certificate DER, serial, fingerprint), refused (final:
 * stored, returned again on a retry), or retry (transient: rate limit or HSM failure; not stored, so
 * re-sending the same batch processes the line again).
 */
public record LineResult(int lineNo, String deviceId, Status status, String code, String message, String serialHex,
                         String fingerprint, byte[] certificateDer, Duration retryAfter) {
    /** Line code of a retry: the HSM token is not usable now (removed, session lost, logged out). */
    public static final String HSM_UNAVAILABLE = "hsm-unavailable";

    public enum Status {
        ISSUED, REFUSED, RETRY
    }

    public static LineResult retry(int lineNo, String deviceId, String code, String message, Duration after) {
        return new LineResult(lineNo, deviceId, Status.RETRY, code, message, null, null, null, after);
    }
}
