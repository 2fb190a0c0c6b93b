package dev.trustline.core.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/**
 * One row of a lint table test: a named certificate and either no expected problem (passes) or the one
 * problem expected, given as a fragment of its message. The name is what JUnit shows.
 */
record LintCase(String name, CertificateUnderLint subject, String expected) {
    static LintCase passes(String name, CertificateUnderLint subject) {
        return new LintCase(name, subject, null);
    }

    static LintCase fails(String name, CertificateUnderLint subject, String expected) {
        return new LintCase(name, subject, expected);
    }

    void assertOn(Lint lint) {
        List<String> problems = lint.check(subject);
        if (expected == null) {
            assertEquals(List.of(), problems, name);
        } else {
            assertEquals(1, problems.size(), name + ": expected exactly one problem, got " + problems);
            assertTrue(problems.get(0).contains(expected), name + ": expected '" + expected + "' in " + problems);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
