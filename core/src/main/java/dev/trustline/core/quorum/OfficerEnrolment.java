package dev.trustline.core.quorum;

/**
 * One officer to enrol: id, display name and chosen passphrase. The caller owns and wipes the
 * passphrase; {@code toString()} never shows it.
 */
public record OfficerEnrolment(String id, String name, char[] passphrase) {
    @Override
    public String toString() {
        return "OfficerEnrolment[id=" + id + ", name=" + name + "]";
    }
}
