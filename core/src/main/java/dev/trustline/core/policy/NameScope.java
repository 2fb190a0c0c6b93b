package dev.trustline.core.policy;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Checks the policy's subject template against the intermediate's directoryName nameConstraints
 * (RFC 5280: a subtree matches when its RDNs are a prefix of the subject's). Only the fixed part of the
 * template can satisfy a permitted subtree; an RDN holding {@code {device_id}} might match an excluded
 * one, so that is refused too.
 */
final class NameScope {
    private NameScope() {
    }

    static List<String> check(Policy policy, X509CertificateHolder intermediate) {
        Extension extension = intermediate.getExtension(Extension.nameConstraints);
        if (extension == null) {
            return List.of();
        }
        NameConstraints constraints = NameConstraints.getInstance(extension.getParsedValue());
        List<X500Name> permitted = directoryNames(constraints.getPermittedSubtrees());
        List<X500Name> excluded = directoryNames(constraints.getExcludedSubtrees());
        SubjectTemplate template = policy.leaf().subject();
        String shown = template.render(Placeholders.DEVICE_ID).toString();
        List<String> problems = new ArrayList<>();
        if (!permitted.isEmpty() && permitted.stream().noneMatch(base -> prefixOf(base, template, false))) {
            problems.add("policy " + policy.id() + ": subject " + shown + " is outside the intermediate's permitted "
                    + "directory names " + permitted);
        }
        for (X500Name base : excluded) {
            if (prefixOf(base, template, true)) {
                problems.add("policy " + policy.id() + ": subject " + shown + " may fall within the intermediate's "
                        + "excluded directory name " + base);
            }
        }
        return problems;
    }

    /** Whether {@code base} is a prefix of the subject; {@code placeholderMatches} decides RDNs with {device_id}. */
    private static boolean prefixOf(X500Name base, SubjectTemplate template, boolean placeholderMatches) {
        RDN[] baseRdns = base.getRDNs();
        List<SubjectTemplate.Attribute> attributes = template.attributes();
        if (baseRdns.length > attributes.size()) {
            return false;
        }
        RDN[] rendered = template.render(Placeholders.DEVICE_ID).getRDNs();
        for (int i = 0; i < baseRdns.length; i++) {
            boolean same = attributes.get(i).fixed() ? Dn.sameRdn(baseRdns[i], rendered[i])
                    : placeholderMatches && baseRdns[i].getFirst().getType().equals(attributes.get(i).type());
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static List<X500Name> directoryNames(GeneralSubtree[] subtrees) {
        List<X500Name> names = new ArrayList<>();
        for (GeneralSubtree subtree : subtrees == null ? new GeneralSubtree[0] : subtrees) {
            if (subtree.getBase().getTagNo() == GeneralName.directoryName) {
                names.add(X500Name.getInstance(subtree.getBase().getName()));
            }
        }
        return names;
    }
}
