package dev.trustline.core.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;

/** keyUsage is present and critical; CAs sign certificates and CRLs only, leaves sign but never certify. */
public final class KeyUsageLint implements Lint {
    @Override
    public String name() {
        return "key-usage";
    }

    @Override
    public List<String> check(CertificateUnderLint subject) {
        Optional<Extension> extension = CertFields.extension(subject.certificate(), Extension.keyUsage);
        if (extension.isEmpty()) {
            return List.of("keyUsage extension is missing");
        }
        List<String> problems = new ArrayList<>();
        if (!extension.get().isCritical()) {
            problems.add("keyUsage must be critical");
        }
        KeyUsage usage = KeyUsage.getInstance(extension.get().getParsedValue());
        if (subject.kind() == CertKind.LEAF) {
            checkLeaf(usage, problems);
        } else {
            checkCa(usage, problems);
        }
        return problems;
    }

    private static void checkCa(KeyUsage usage, List<String> problems) {
        require(usage, KeyUsage.keyCertSign, "keyUsage keyCertSign must be set on a CA certificate", problems);
        require(usage, KeyUsage.cRLSign, "keyUsage cRLSign must be set on a CA certificate", problems);
        forbid(usage, KeyUsage.keyEncipherment, "keyUsage keyEncipherment must not be set on a CA certificate",
                problems);
        forbid(usage, KeyUsage.dataEncipherment, "keyUsage dataEncipherment must not be set on a CA certificate",
                problems);
    }

    private static void checkLeaf(KeyUsage usage, List<String> problems) {
        forbid(usage, KeyUsage.keyCertSign, "keyUsage keyCertSign must not be set on a leaf certificate", problems);
        forbid(usage, KeyUsage.cRLSign, "keyUsage cRLSign must not be set on a leaf certificate", problems);
        require(usage, KeyUsage.digitalSignature, "keyUsage digitalSignature must be set on a leaf certificate",
                problems);
    }

    private static void require(KeyUsage usage, int bit, String message, List<String> problems) {
        if (!usage.hasUsages(bit)) {
            problems.add(message);
        }
    }

    private static void forbid(KeyUsage usage, int bit, String message, List<String> problems) {
        if (usage.hasUsages(bit)) {
            problems.add(message);
        }
    }
}
