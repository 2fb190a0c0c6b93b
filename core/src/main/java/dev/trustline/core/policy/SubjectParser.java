package dev.trustline.core.policy;

import dev.trustline.core.config.Problems;
import dev.trustline.core.policy.PolicyFile.SanConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Validates the subject template (a list of one-attribute mappings, in order) and the SAN templates. */
final class SubjectParser {
    private static final List<String> ATTRIBUTES = List.of("C", "ST", "L", "O", "OU", "CN", "SERIALNUMBER", "DC");
    /** A harmless device ID used to check that rendered SAN templates are well formed. */
    private static final String SAMPLE_ID = "0";

    private SubjectParser() {
    }

    static SubjectTemplate subject(List<LinkedHashMap<String, String>> entries, Problems p) {
        if (!p.requirePresent(entries, "subject")
                || !p.require(!entries.isEmpty(), "subject", "must list at least one attribute")) {
            return null;
        }
        List<SubjectTemplate.Attribute> attributes = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < entries.size(); i++) {
            SubjectTemplate.Attribute a = attribute(entries.get(i), "subject[" + i + "]", p);
            ok &= a != null;
            attributes.add(a);
        }
        long cns = attributes.stream().filter(a -> a != null && a.name().equals("CN")).count();
        ok &= p.require(!ok || cns == 1, "subject", "must contain exactly one CN");
        return ok ? new SubjectTemplate(attributes) : null;
    }

    private static SubjectTemplate.Attribute attribute(Map<String, String> entry, String path, Problems p) {
        if (!p.require(entry != null && entry.size() == 1, path,
                "each entry must be a mapping with exactly one attribute, like {O: Example Ltd}")) {
            return null;
        }
        Map.Entry<String, String> e = entry.entrySet().iterator().next();
        String at = path + "." + e.getKey();
        if (!p.require(ATTRIBUTES.contains(e.getKey()), at, "unknown attribute (allowed: "
                + String.join(", ", ATTRIBUTES) + ")") || !p.requirePresent(e.getValue(), at)
                || !template(e.getValue(), at, p)) {
            return null;
        }
        String value = e.getValue();
        boolean ok = p.require(Placeholders.hasPlaceholder(value) || value.length() <= 64, at,
                "is longer than 64 characters");
        if (e.getKey().equals("C")) {
            ok &= p.require(value.matches("[A-Z]{2}"), at, "must be a two-letter ISO 3166 country code such as GB");
        }
        return ok ? new SubjectTemplate.Attribute(e.getKey(), BCStyle.INSTANCE.attrNameToOID(e.getKey()), value)
                : null;
    }

    static SanTemplate san(SanConfig c, Problems p) {
        if (c == null) {
            return SanTemplate.NONE;
        }
        if (!p.require(c.uris() != null || c.dns() != null, "san", "must give uris or dns (or leave san out)")) {
            return null;
        }
        boolean ok = templates(c.uris(), "san.uris", SanTemplate::isAbsoluteUri,
                "is not an absolute URI (it needs a scheme such as urn: or https:, and no spaces)", p);
        ok &= templates(c.dns(), "san.dns", SanTemplate::isHostName,
                "is not a host name (letters, digits, '-' and '.'; no wildcards)", p);
        return ok ? new SanTemplate(list(c.uris()), list(c.dns())) : null;
    }

    private static boolean templates(List<String> values, String path, Predicate<String> wellFormed, String message,
            Problems p) {
        if (values == null) {
            return true;
        }
        boolean ok = p.require(!values.isEmpty(), path, "must not be an empty list (leave it out)");
        for (int i = 0; i < values.size(); i++) {
            String at = path + "[" + i + "]";
            String v = values.get(i);
            ok &= p.requirePresent(v, at) && template(v, at, p)
                    && p.require(wellFormed.test(Placeholders.render(v, SAMPLE_ID)), at, "'" + v + "' " + message);
        }
        return ok;
    }

    private static boolean template(String value, String path, Problems p) {
        String unknown = Placeholders.firstUnknown(value);
        return p.require(unknown == null, path,
                "'" + unknown + "' is not a placeholder; {device_id} is the only one allowed");
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }
}
