package dev.trustline.core.quorum;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * What an officer approves: one step of one ceremony file, and the exact bytes that step will
 * sign. {@link #digest()} is
 * {@code SHA-256("trustline-approval-v1" 0x00 ceremonySha256Hex 0x00 stepId 0x00 SHA-256(bytesToSign))}
 * with the strings in UTF-8.
 */
public record ApprovalSubject(String ceremonySha256Hex, String stepId, byte[] bytesToSign) {
    static final String LABEL = "trustline-approval-v1";

    public ApprovalSubject {
        if (!Bytes.isLowerHex(ceremonySha256Hex, 64)) {
            throw new IllegalArgumentException("the ceremony hash must be 64 lowercase hex digits");
        }
        if (stepId == null || stepId.isEmpty() || stepId.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the step id must be non-empty and contain no NUL");
        }
        bytesToSign = bytesToSign.clone();
    }

    @Override
    public byte[] bytesToSign() {
        return bytesToSign.clone();
    }

    public byte[] digest() {
        return digestOf(ceremonySha256Hex, stepId, Bytes.sha256(bytesToSign));
    }

    /**
     * The same digest from the SHA-256 of the bytes rather than the bytes: how an auditor recomputes
     * it from a transcript, which records only {@code tbs-sha256}.
     */
    public static String digestHex(String ceremonySha256Hex, String stepId, byte[] sha256OfBytes) {
        return Bytes.hex(digestOf(ceremonySha256Hex, stepId, sha256OfBytes));
    }

    private static byte[] digestOf(String ceremonySha256Hex, String stepId, byte[] sha256OfBytes) {
        MessageDigest sha = Bytes.sha256Digest();
        sha.update(LABEL.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(ceremonySha256Hex.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(stepId.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(sha256OfBytes);
        return sha.digest();
    }

    public String digestHex() {
        return Bytes.hex(digest());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApprovalSubject that && ceremonySha256Hex.equals(that.ceremonySha256Hex)
                && stepId.equals(that.stepId) && Arrays.equals(bytesToSign, that.bytesToSign);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * ceremonySha256Hex.hashCode() + stepId.hashCode()) + Arrays.hashCode(bytesToSign);
    }

    @Override
    public String toString() {
        return "ApprovalSubject[step=" + stepId + ", ceremony=" + ceremonySha256Hex + ", " + bytesToSign.length + " bytes]";
    }
}
