package dev.trustline.core.lint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * subjectKeyIdentifier: present on CAs, non-critical, RFC 5280 method 1 (SHA-1 of the public key bits).
 * authorityKeyIdentifier: non-critical; on non-roots present with the issuer's subjectKeyIdentifier, on
 * roots absent or equal to the root's own subjectKeyIdentifier.
 */
public final class KeyIdentifiersLint implements Lint {
    @Override
    public String name() {
        return "key-identifiers";
    }

    @Override
    public List<String> check(CertificateUnderLint subject) {
        List<String> problems = new ArrayList<>();
        checkSubjectKeyId(subject, problems);
        checkAuthorityKeyId(subject, problems);
        return problems;
    }

    private static void checkSubjectKeyId(CertificateUnderLint subject, List<String> problems) {
        Optional<Extension> ski = CertFields.extension(subject.certificate(), Extension.subjectKeyIdentifier);
        if (ski.isEmpty()) {
            if (subject.kind() != CertKind.LEAF) {
                problems.add("subjectKeyIdentifier is missing on a CA certificate");
            }
            return;
        }
        if (ski.get().isCritical()) {
            problems.add("subjectKeyIdentifier must not be critical");
        }
        byte[] expected = CertFields.keyIdentifierMethod1(subject.certificate().getSubjectPublicKeyInfo());
        if (!Arrays.equals(SubjectKeyIdentifier.getInstance(ski.get().getParsedValue()).getKeyIdentifier(),
                expected)) {
            problems.add("subjectKeyIdentifier is not the SHA-1 of the subject public key (RFC 5280 method 1)");
        }
    }

    private static void checkAuthorityKeyId(CertificateUnderLint subject, List<String> problems) {
        Optional<Extension> extension =
                CertFields.extension(subject.certificate(), Extension.authorityKeyIdentifier);
        if (extension.isEmpty()) {
            if (!subject.selfSigned()) {
                problems.add("authorityKeyIdentifier is missing");
            }
            return;
        }
        if (extension.get().isCritical()) {
            problems.add("authorityKeyIdentifier must not be critical");
        }
        byte[] keyId = AuthorityKeyIdentifier.getInstance(extension.get().getParsedValue()).getKeyIdentifier();
        Optional<byte[]> issuerSki = CertFields.subjectKeyIdentifier(subject.issuer());
        String issuerWord = subject.selfSigned() ? "the root's own" : "the issuer's";
        if (keyId == null) {
            problems.add("authorityKeyIdentifier has no keyIdentifier");
        } else if (issuerSki.isEmpty()) {
            problems.add("authorityKeyIdentifier cannot be checked: " + issuerWord + " subjectKeyIdentifier is missing");
        } else if (!Arrays.equals(keyId, issuerSki.get())) {
            problems.add("authorityKeyIdentifier keyIdentifier does not equal " + issuerWord
                    + " subjectKeyIdentifier");
        }
    }
}
