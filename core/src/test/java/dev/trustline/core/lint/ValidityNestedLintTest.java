package dev.trustline.core.lint;

import static dev.trustline.core.lint.Chain.asLeaf;
import static dev.trustline.core.lint.Chain.asRoot;
import static dev.trustline.core.lint.LintCase.fails;
import static dev.trustline.core.lint.LintCase.passes;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidityNestedLintTest {
    static Stream<LintCase> cases() {
        return Stream.of(
                passes("validity_leafWithinIssuer_passes", asLeaf(Chain.leaf())),
                passes("validity_root_passes", asRoot(Chain.root())),
                fails("validity_notBeforeAfterNotAfter_isRejected", asLeaf(Chain.leafBuilder()
                        .validity("2027-01-01T00:00:00Z", "2026-01-01T00:00:00Z").build()),
                        "is not before notAfter"),
                fails("validity_equalBounds_isRejected", asRoot(Chain.rootBuilder()
                        .validity("2027-01-01T00:00:00Z", "2027-01-01T00:00:00Z").build()),
                        "is not before notAfter"),
                fails("validity_startsBeforeIssuer_isRejected", asLeaf(Chain.leafBuilder()
                        .validity("2024-12-31T00:00:00Z", "2026-01-01T00:00:00Z").build()),
                        "is before the issuer's notBefore"),
                fails("validity_endsAfterIssuer_isRejected", asLeaf(Chain.leafBuilder()
                        .validity("2025-06-01T00:00:00Z", "2041-01-01T00:00:00Z").build()),
                        "is after the issuer's notAfter"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(LintCase c) {
        c.assertOn(new ValidityNestedLint());
    }
}
