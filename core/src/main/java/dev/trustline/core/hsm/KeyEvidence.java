package dev.trustline.core.hsm;

/**
 * Attributes read back from the token after a key was generated. A key is sound when it was
 * generated on the token (CKA_LOCAL), has always been sensitive and never extractable, and is
 * sensitive, unextractable and a private token object now.
 */
public record KeyEvidence(boolean local, boolean alwaysSensitive, boolean neverExtractable,
                          boolean sensitive, boolean extractable, boolean tokenObject, boolean privateObject) {

    public boolean sound() {
        return local && alwaysSensitive && neverExtractable && sensitive && !extractable && tokenObject && privateObject;
    }
}
