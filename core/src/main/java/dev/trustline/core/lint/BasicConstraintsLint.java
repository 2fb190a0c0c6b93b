package dev.trustline.core.lint;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;

/**
 * CAs carry a critical basicConstraints with cA=true and respect the issuer's pathLenConstraint; leaves
 * carry none or cA=false without pathLen. The issuer of a non-root must be a CA.
 */
public final class BasicConstraintsLint implements Lint {
    @Override
    public String name() {
        return "basic-constraints";
    }

    @Override
    public List<String> check(CertificateUnderLint subject) {
        List<String> problems = new ArrayList<>();
        Optional<Extension> extension = CertFields.extension(subject.certificate(), Extension.basicConstraints);
        if (subject.kind() == CertKind.LEAF) {
            checkLeaf(extension, problems);
        } else {
            checkCa(extension, problems);
        }
        if (!subject.selfSigned()) {
            checkIssuer(subject, problems);
        }
        return problems;
    }

    private static void checkLeaf(Optional<Extension> extension, List<String> problems) {
        Optional<BasicConstraints> bc = extension.map(e -> BasicConstraints.getInstance(e.getParsedValue()));
        if (bc.map(BasicConstraints::isCA).orElse(false)) {
            problems.add("basicConstraints cA must be false on a leaf certificate");
        }
        if (bc.map(BasicConstraints::getPathLenConstraint).isPresent()) {
            problems.add("basicConstraints of a leaf certificate must not carry pathLenConstraint");
        }
    }

    private static void checkCa(Optional<Extension> extension, List<String> problems) {
        if (extension.isEmpty()) {
            problems.add("basicConstraints extension is missing on a CA certificate");
            return;
        }
        if (!extension.get().isCritical()) {
            problems.add("basicConstraints must be critical on a CA certificate");
        }
        if (!BasicConstraints.getInstance(extension.get().getParsedValue()).isCA()) {
            problems.add("basicConstraints cA must be true on a CA certificate");
        }
    }

    private static void checkIssuer(CertificateUnderLint subject, List<String> problems) {
        if (!CertFields.isCa(subject.issuer())) {
            problems.add("issuer certificate is not a CA (its basicConstraints cA is not true)");
            return;
        }
        Optional<BigInteger> issuerPathLen = CertFields.pathLen(subject.issuer());
        boolean subjectIsCa = subject.kind() != CertKind.LEAF && CertFields.isCa(subject.certificate());
        if (issuerPathLen.isEmpty() || !subjectIsCa) {
            return;
        }
        BigInteger limit = issuerPathLen.get();
        Optional<BigInteger> pathLen = CertFields.pathLen(subject.certificate());
        if (limit.signum() == 0) {
            problems.add("issuer pathLenConstraint is 0: it must not issue a CA certificate");
        } else if (pathLen.isEmpty()) {
            problems.add("pathLenConstraint is missing but the issuer's pathLenConstraint is " + limit);
        } else if (pathLen.get().compareTo(limit) >= 0) {
            problems.add("pathLenConstraint " + pathLen.get() + " must be less than the issuer's " + limit);
        }
    }
}
