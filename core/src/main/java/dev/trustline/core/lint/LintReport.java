package dev.trustline.core.lint;

import java.util.List;

/** Every lint that ran, in order, with its result. */
public record LintReport(List<LintResult> results) {
    public LintReport {
        results = List.copyOf(results);
    }

    public boolean passed() {
        return results.stream().allMatch(LintResult::passed);
    }

    public List<String> passedNames() {
        return results.stream().filter(LintResult::passed).map(LintResult::name).toList();
    }

    /** "lint-name: problem" for every problem of every failed lint. */
    public List<String> failureMessages() {
        return results.stream()
                .flatMap(r -> r.problems().stream().map(p -> r.name() + ": " + p))
                .toList();
    }

    public void throwIfFailed() throws LintException {
        if (!passed()) {
            throw new LintException(this);
        }
    }
}
