package dev.trustline.ceremony.plan;

import dev.trustline.core.config.Problems;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Distinguished names from ceremony-file mappings like {@code {C: GB, O: Example, CN: Root}}, in file order. */
final class Names {
    private static final Set<String> ALLOWED = Set.of("C", "ST", "L", "O", "OU", "CN", "SERIALNUMBER", "DC");

    private Names() {
    }

    /** The name, or null after adding problems. {@code requireCn}: subjects need a CN; constraints need not. */
    static X500Name parse(Map<String, String> attrs, String path, boolean requireCn, Problems problems) {
        if (attrs == null || attrs.isEmpty()) {
            problems.add(path, "is required and must name at least one attribute");
            return null;
        }
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        boolean ok = true;
        for (Map.Entry<String, String> e : attrs.entrySet()) {
            ok &= addAttribute(builder, e.getKey(), e.getValue(), path + "." + e.getKey(), problems);
        }
        if (requireCn && !attrs.containsKey("CN")) {
            problems.add(path, "must contain CN");
            ok = false;
        }
        return ok ? builder.build() : null;
    }

    private static boolean addAttribute(X500NameBuilder builder, String key, String value, String path, Problems problems) {
        if (!ALLOWED.contains(key)) {
            problems.add(path, "unknown attribute (allowed: C, ST, L, O, OU, CN, SERIALNUMBER, DC)");
            return false;
        }
        if (value == null || value.isBlank()) {
            problems.add(path, "must not be empty");
            return false;
        }
        if (value.length() > 64) {
            problems.add(path, "is longer than 64 characters");
            return false;
        }
        if (key.equals("C") && !value.matches("[A-Z]{2}")) {
            problems.add(path, "must be a two-letter ISO 3166 country code such as GB");
            return false;
        }
        ASN1ObjectIdentifier oid = BCStyle.INSTANCE.attrNameToOID(key);
        builder.addRDN(oid, value);
        return true;
    }

    static String commonName(Map<String, String> attrs) {
        return attrs == null ? null : attrs.get("CN");
    }
}
