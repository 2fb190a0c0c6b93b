package dev.trustline.core.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * nameConstraints, when present, sits critical on a CA with at least one subtree; each subtree is a
 * directoryName, dNSName or URI with minimum 0, no maximum, and DNS/URI values without spaces or '*'.
 */
public final class NameConstraintsLint implements Lint {
    private static final Map<Integer, String> TYPES = Map.of(GeneralName.otherName, "otherName",
            GeneralName.rfc822Name, "rfc822Name", GeneralName.dNSName, "dNSName", GeneralName.x400Address,
            "x400Address", GeneralName.directoryName, "directoryName", GeneralName.ediPartyName, "ediPartyName",
            GeneralName.uniformResourceIdentifier, "uniformResourceIdentifier", GeneralName.iPAddress, "iPAddress",
            GeneralName.registeredID, "registeredID");

    @Override
    public String name() {
        return "name-constraints";
    }

    @Override
    public List<String> check(CertificateUnderLint subject) {
        Optional<Extension> extension = CertFields.extension(subject.certificate(), Extension.nameConstraints);
        if (extension.isEmpty()) {
            return List.of();
        }
        if (subject.kind() == CertKind.LEAF) {
            return List.of("nameConstraints is allowed on CA certificates only");
        }
        List<String> problems = new ArrayList<>();
        if (!extension.get().isCritical()) {
            problems.add("nameConstraints must be critical");
        }
        NameConstraints constraints = NameConstraints.getInstance(extension.get().getParsedValue());
        GeneralSubtree[] permitted = orEmpty(constraints.getPermittedSubtrees());
        GeneralSubtree[] excluded = orEmpty(constraints.getExcludedSubtrees());
        if (permitted.length == 0 && excluded.length == 0) {
            problems.add("nameConstraints has neither permitted nor excluded subtrees");
        }
        checkSubtrees("permitted", permitted, problems);
        checkSubtrees("excluded", excluded, problems);
        return problems;
    }

    private static void checkSubtrees(String which, GeneralSubtree[] subtrees, List<String> problems) {
        for (GeneralSubtree subtree : subtrees) {
            GeneralName base = subtree.getBase();
            String type = TYPES.getOrDefault(base.getTagNo(), "tag " + base.getTagNo());
            String where = which + " " + type + " subtree";
            if (subtree.getMinimum().signum() != 0) {
                problems.add(where + " has minimum " + subtree.getMinimum() + "; it must be 0");
            }
            if (subtree.getMaximum() != null) {
                problems.add(where + " has maximum " + subtree.getMaximum() + "; it must be absent");
            }
            switch (base.getTagNo()) {
                case GeneralName.directoryName -> { }
                case GeneralName.dNSName, GeneralName.uniformResourceIdentifier -> checkValue(where, base, problems);
                default -> problems.add(where + " is not allowed; use directoryName, dNSName or "
                        + "uniformResourceIdentifier");
            }
        }
    }

    private static void checkValue(String where, GeneralName base, List<String> problems) {
        String value = ((ASN1String) base.getName()).getString();
        if (value.isEmpty()) {
            problems.add(where + " is empty");
        }
        if (value.contains(" ")) {
            problems.add(where + " '" + value + "' contains a space");
        }
        if (value.contains("*")) {
            problems.add(where + " '" + value + "' contains a wildcard '*'");
        }
    }

    private static GeneralSubtree[] orEmpty(GeneralSubtree[] subtrees) {
        return subtrees == null ? new GeneralSubtree[0] : subtrees;
    }
}
