package dev.trustline.core.lint;

/** What a certificate is meant to be; lints use it to tell a CA from a device certificate. */
public enum CertKind {
    ROOT, INTERMEDIATE, LEAF
}
