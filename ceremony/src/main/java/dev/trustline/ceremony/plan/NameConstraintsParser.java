package dev.trustline.ceremony.plan;

import dev.trustline.ceremony.plan.CeremonyFile.NameConstraintsConfig;
import dev.trustline.ceremony.plan.CeremonyFile.SubtreeConfig;
import dev.trustline.core.config.Problems;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/** nameConstraints from the ceremony file: permitted/excluded subtrees of directoryName, dns or uri. */
final class NameConstraintsParser {
    private NameConstraintsParser() {
    }

    static NameConstraints parse(NameConstraintsConfig config, String path, Problems problems) {
        if (config == null) {
            return null;
        }
        List<GeneralSubtree> permitted = subtrees(config.permitted(), path + ".permitted", problems);
        List<GeneralSubtree> excluded = subtrees(config.excluded(), path + ".excluded", problems);
        if (permitted.isEmpty() && excluded.isEmpty()) {
            problems.add(path, "needs at least one permitted or excluded subtree");
            return null;
        }
        return new NameConstraints(permitted.isEmpty() ? null : permitted.toArray(new GeneralSubtree[0]),
                excluded.isEmpty() ? null : excluded.toArray(new GeneralSubtree[0]));
    }

    private static List<GeneralSubtree> subtrees(List<SubtreeConfig> configs, String path, Problems problems) {
        List<GeneralSubtree> out = new ArrayList<>();
        if (configs == null) {
            return out;
        }
        for (int i = 0; i < configs.size(); i++) {
            GeneralName name = subtree(configs.get(i), path + "[" + i + "]", problems);
            if (name != null) {
                out.add(new GeneralSubtree(name));
            }
        }
        return out;
    }

    private static GeneralName subtree(SubtreeConfig c, String path, Problems problems) {
        int kinds = (c.directoryName() != null ? 1 : 0) + (c.dns() != null ? 1 : 0) + (c.uri() != null ? 1 : 0);
        if (kinds != 1) {
            problems.add(path, "must give exactly one of directory-name, dns, uri");
            return null;
        }
        if (c.directoryName() != null) {
            X500Name dn = Names.parse(c.directoryName(), path + ".directory-name", false, problems);
            return dn == null ? null : new GeneralName(dn);
        }
        String value = c.dns() != null ? c.dns() : c.uri();
        String field = c.dns() != null ? ".dns" : ".uri";
        if (!value.matches("\\.?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
            problems.add(path + field, "'" + value + "' is not a host or domain name (a leading dot is allowed, wildcards are not)");
            return null;
        }
        return new GeneralName(c.dns() != null ? GeneralName.dNSName : GeneralName.uniformResourceIdentifier, value);
    }
}
