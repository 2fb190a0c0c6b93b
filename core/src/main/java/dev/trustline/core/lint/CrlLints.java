package dev.trustline.core.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Runs the CRL rules in a fixed order and reports like {@link LintRunner}. */
public final class CrlLints {
    private record Rule(String name, Function<CrlUnderLint, List<String>> check) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("crl-validity", CrlRules::validity),
            new Rule("crl-number", CrlRules::crlNumber),
            new Rule("crl-authority-key-identifier", CrlRules::authorityKeyIdentifier),
            new Rule("crl-issuer-name", CrlRules::issuerName),
            new Rule("crl-signature", CrlRules::signature),
            new Rule("crl-issuer-key-usage", CrlRules::issuerKeyUsage));

    private static final CrlLints STANDARD = new CrlLints();

    private CrlLints() {
    }

    public static CrlLints standard() {
        return STANDARD;
    }

    public List<String> names() {
        return RULES.stream().map(Rule::name).toList();
    }

    public LintReport run(CrlUnderLint subject) {
        Objects.requireNonNull(subject, "subject");
        List<LintResult> results = new ArrayList<>();
        for (Rule rule : RULES) {
            results.add(LintRunner.guarded(rule.name(), "CRL", () -> rule.check().apply(subject)));
        }
        return new LintReport(results);
    }
}
