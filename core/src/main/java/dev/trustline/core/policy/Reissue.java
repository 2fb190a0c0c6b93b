package dev.trustline.core.policy;

/**
 * Whether a device ID may be issued a certificate again (refurbishment), and whether the previous one
 * is then marked revoked. {@code revokePrevious} matters only when {@code allowed}.
 */
public record Reissue(boolean allowed, boolean revokePrevious) {
    /** The default when a policy says nothing: no re-issue; were it allowed, revoke the previous certificate. */
    public static final Reissue DEFAULT = new Reissue(false, true);
}
