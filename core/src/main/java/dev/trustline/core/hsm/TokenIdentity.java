package dev.trustline.core.hsm;

/** What a token says about itself; recorded in transcripts so auditors know which device was used. */
public record TokenIdentity(String label, String serial, String model, String manufacturer, String firmware) {
}
