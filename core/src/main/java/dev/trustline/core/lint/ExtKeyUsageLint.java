package dev.trustline.core.lint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * extendedKeyUsage, when present, is non-empty (BouncyCastle refuses to parse an empty one, so that is
 * checked on the raw sequence), does not mix anyExtendedKeyUsage with other purposes, is
 * non-critical on CAs and stays within the issuer's purposes. Roots carry none.
 */
public final class ExtKeyUsageLint implements Lint {
    private static final ASN1ObjectIdentifier ANY = KeyPurposeId.anyExtendedKeyUsage.toOID();

    @Override
    public String name() {
        return "ext-key-usage";
    }

    @Override
    public List<String> check(CertificateUnderLint subject) {
        Optional<Extension> extension = CertFields.extension(subject.certificate(), Extension.extendedKeyUsage);
        if (extension.isEmpty()) {
            return List.of();
        }
        if (subject.kind() == CertKind.ROOT) {
            return List.of("extendedKeyUsage must not be present on a root certificate");
        }
        List<String> problems = new ArrayList<>();
        if (extension.get().isCritical() && subject.kind() == CertKind.INTERMEDIATE) {
            problems.add("extendedKeyUsage should not be critical on a CA certificate");
        }
        ASN1Sequence raw = ASN1Sequence.getInstance(extension.get().getParsedValue());
        if (raw.size() == 0) {
            problems.add("extendedKeyUsage is empty");
            return problems;
        }
        List<ASN1ObjectIdentifier> purposes = purposes(ExtendedKeyUsage.getInstance(raw));
        if (purposes.contains(ANY) && purposes.size() > 1) {
            problems.add("extendedKeyUsage mixes anyExtendedKeyUsage with other purposes");
        }
        checkWithinIssuer(purposes, subject, problems);
        return problems;
    }

    private static void checkWithinIssuer(List<ASN1ObjectIdentifier> purposes, CertificateUnderLint subject,
            List<String> problems) {
        Optional<ExtendedKeyUsage> issuerEku = CertFields.extendedKeyUsage(subject.issuer());
        if (issuerEku.isEmpty()) {
            return;
        }
        List<ASN1ObjectIdentifier> allowed = purposes(issuerEku.get());
        if (allowed.contains(ANY)) {
            return;
        }
        for (ASN1ObjectIdentifier purpose : purposes) {
            if (!allowed.contains(purpose)) {
                problems.add("extendedKeyUsage purpose " + Names.purpose(purpose)
                        + " is not in the issuer's extendedKeyUsage");
            }
        }
    }

    private static List<ASN1ObjectIdentifier> purposes(ExtendedKeyUsage eku) {
        return Arrays.stream(eku.getUsages()).map(KeyPurposeId::toOID).toList();
    }
}
