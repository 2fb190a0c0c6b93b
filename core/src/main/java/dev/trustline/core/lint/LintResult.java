package dev.trustline.core.lint;

import java.util.List;

/** The outcome of one lint: its name and the problems it found (none means passed). */
public record LintResult(String name, List<String> problems) {
    public LintResult {
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
