package dev.trustline.core.hsm;

import java.security.PublicKey;

/** A key just generated inside a token: its label, public half, and the attributes read back. */
public record GeneratedKey(String label, PublicKey publicKey, KeyEvidence evidence) {
}
