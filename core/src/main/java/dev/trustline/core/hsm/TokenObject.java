package dev.trustline.core.hsm;

/**
 * One object on a token as its listing shows it: kind (private-key, public-key, certificate, secret-key,
 * data or the class number), CKA_LABEL (may be empty) and CKA_ID in lower-case hex (may be empty).
 */
public record TokenObject(String kind, String label, String idHex) {
}
