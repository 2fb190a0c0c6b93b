package dev.trustline.core.lint;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Runs a fixed, ordered list of lints; a lint that throws on malformed input fails, the others still run. */
public final class LintRunner {
    private final List<Lint> lints;

    public LintRunner(List<Lint> lints) {
        this.lints = List.copyOf(lints);
    }

    /** All certificate lints, verifying the signature under the issuer certificate's key (the auditor's run). */
    public static LintRunner standard() {
        return new LintRunner(lintsWith(new SignatureAlgorithmLint()));
    }

    /**
     * The same lints for the run before the HSM signs: the certificate was signed by {@code throwawayKey}, a
     * software key of the issuer's key type, so its signature is verified under that key instead.
     */
    public static LintRunner preSigning(PublicKey throwawayKey) {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(throwawayKey.getEncoded());
        return new LintRunner(lintsWith(SignatureAlgorithmLint.verifyingWith(spki)));
    }

    /**
     * The same lints on the TBS itself before the HSM signs ({@link CertificateUnderLint#unsigned}): nothing is
     * signed twice. The caller verifies the HSM's signature under the issuer's key and compares the signed TBS
     * with the linted one, which is what the signature-algorithm lint's verification adds on a signed certificate.
     */
    public static LintRunner beforeSigning() {
        return new LintRunner(lintsWith(SignatureAlgorithmLint.beforeSigning()));
    }

    private static List<Lint> lintsWith(SignatureAlgorithmLint signatureAlgorithm) {
        return List.of(new ValidityNestedLint(), new BasicConstraintsLint(), new KeyUsageLint(),
                new ExtKeyUsageLint(), new SerialNumberLint(), new SubjectNameLint(),
                new NoDuplicateExtensionsLint(), new KeyStrengthLint(), signatureAlgorithm,
                new NameConstraintsLint(), new KeyIdentifiersLint(), new IssuerNameLint());
    }

    public List<Lint> lints() {
        return lints;
    }

    public List<String> names() {
        return lints.stream().map(Lint::name).toList();
    }

    public LintReport run(CertificateUnderLint subject) {
        Objects.requireNonNull(subject, "subject");
        List<LintResult> results = new ArrayList<>();
        for (Lint lint : lints) {
            results.add(guarded(lint.name(), "certificate", () -> lint.check(subject)));
        }
        return new LintReport(results);
    }

    /** Runs one check; a RuntimeException (malformed input) becomes that check's single problem. */
    static LintResult guarded(String name, String what, Supplier<List<String>> check) {
        try {
            return new LintResult(name, check.get());
        } catch (RuntimeException e) {
            return new LintResult(name, List.of("could not parse " + what + ": " + describe(e)));
        }
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
