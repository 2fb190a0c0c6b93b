package dev.trustline.core;

/** The tool version recorded in every transcript and ledger. */
public final class Version {
    public static final String TOOL = "trustline 0.1.0";

    private Version() {
    }
}
