package dev.trustline.core.lint;

import dev.trustline.core.TrustLineException;

/** One or more lints failed: nothing was signed. */
public final class LintException extends TrustLineException {
    private static final long serialVersionUID = 1L;
    private final transient LintReport report;

    public LintException(LintReport report) {
        super("lint failed: " + String.join("; ", report.failureMessages()));
        this.report = report;
    }

    public LintReport report() {
        return report;
    }
}
