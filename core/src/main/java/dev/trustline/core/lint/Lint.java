package dev.trustline.core.lint;

import java.util.List;

/**
 * One rule a certificate must meet before the HSM signs it. Implementations are small, stateless
 * and pure: they read only the {@link CertificateUnderLint}, never disk or the HSM.
 */
public interface Lint {
    /** Stable kebab-case name recorded in transcripts, e.g. {@code validity-nested}. */
    String name();

    /** The problems found, each a human sentence naming the field; empty when the rule holds. */
    List<String> check(CertificateUnderLint subject);
}
