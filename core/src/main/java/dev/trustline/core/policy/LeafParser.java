package dev.trustline.core.policy;

import dev.trustline.core.config.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Validates what a policy says about the leaf: subject, SAN, key types, validity and usages. */
final class LeafParser {
    private static final List<LeafKeyType> DEFAULT_KEY_TYPES = List.of(LeafKeyType.ECDSA_P256);
    private static final Set<String> CA_ONLY = Set.of("keyCertSign", "cRLSign");

    private LeafParser() {
    }

    static LeafProfile parse(PolicyFile f, Problems p) {
        SubjectTemplate subject = SubjectParser.subject(f.subject(), p);
        SanTemplate san = SubjectParser.san(f.san(), p);
        if (subject != null && san != null) {
            p.require(mentionsDeviceId(subject, san), "subject",
                    "{device_id} must appear in the subject or in san, or every device would get the same name");
        }
        List<LeafKeyType> keyTypes = f.keyTypes() == null ? DEFAULT_KEY_TYPES
                : names(f.keyTypes(), "key-types", LeafKeyType::fromConfigName,
                        n -> "unknown key type '" + n + "' (allowed: " + LeafKeyType.allowedNames() + ")", p);
        boolean days = p.requirePresent(f.leafValidityDays(), "leaf-validity-days")
                && p.require(f.leafValidityDays() > 0, "leaf-validity-days", "must be a positive number of days");
        List<LeafKeyUsage> keyUsage = keyUsage(f.keyUsage(), keyTypes, "key-usage", p);
        List<LeafExtKeyUsage> eku = p.requirePresent(f.extKeyUsage(), "ext-key-usage") ? names(f.extKeyUsage(),
                "ext-key-usage", LeafExtKeyUsage::fromConfigName,
                n -> unknown(n, LeafExtKeyUsage.allowedNames()), p) : null;
        if (subject == null || san == null || keyTypes == null || !days || keyUsage == null || eku == null) {
            return null;
        }
        return new LeafProfile(subject, san, keyTypes, f.leafValidityDays(), keyUsage, eku);
    }

    /** The optional {@code operational} section: usages checked as the leaf's, against the leaf's key types. */
    static OperationalProfile operational(PolicyFile.OperationalConfig o, LeafProfile leaf, Problems p) {
        if (o == null) {
            return null;
        }
        boolean days = p.requirePresent(o.leafValidityDays(), "operational.leaf-validity-days")
                && p.require(o.leafValidityDays() > 0, "operational.leaf-validity-days", "must be a positive number of days");
        List<LeafKeyUsage> keyUsage = keyUsage(o.keyUsage(), leaf == null ? null : leaf.keyTypes(), "operational.key-usage", p);
        List<LeafExtKeyUsage> eku = p.requirePresent(o.extKeyUsage(), "operational.ext-key-usage") ? names(o.extKeyUsage(),
                "operational.ext-key-usage", LeafExtKeyUsage::fromConfigName, n -> unknown(n, LeafExtKeyUsage.allowedNames()), p) : null;
        List<String> states = p.requirePresent(o.states(), "operational.states")
                ? names(o.states(), "operational.states", LeafParser::stateName,
                        n -> "'" + n + "' is not a lifecycle state name (lowercase letters)", p) : null;
        OperationalProfile.KeyRule key = o.key() == null ? OperationalProfile.KeyRule.EITHER
                : OperationalProfile.KeyRule.fromConfigName(o.key()).orElse(null);
        p.require(key != null, "operational.key", "must be same, new or either");
        if (!days || keyUsage == null || eku == null || states == null || key == null) {
            return null;
        }
        return new OperationalProfile(o.leafValidityDays(), keyUsage, eku, states, key);
    }

    private static Optional<String> stateName(String name) {
        return name.matches("[a-z][a-z-]{0,31}") ? Optional.of(name) : Optional.empty();
    }

    private static boolean mentionsDeviceId(SubjectTemplate subject, SanTemplate san) {
        return subject.attributes().stream().anyMatch(a -> !a.fixed())
                || san.uris().stream().anyMatch(Placeholders::hasPlaceholder)
                || san.dns().stream().anyMatch(Placeholders::hasPlaceholder);
    }

    private static List<LeafKeyUsage> keyUsage(List<String> names, List<LeafKeyType> keyTypes, String path, Problems p) {
        if (!p.requirePresent(names, path)) {
            return null;
        }
        List<LeafKeyUsage> usages = names(names, path, LeafKeyUsage::fromConfigName, n -> CA_ONLY.contains(n)
                ? n + " is for CA certificates and is never allowed in a policy"
                : unknown(n, LeafKeyUsage.allowedNames()), p);
        if (usages == null) {
            return null;
        }
        boolean ok = p.require(usages.contains(LeafKeyUsage.DIGITAL_SIGNATURE), path,
                "must include digitalSignature");
        if (keyTypes != null && usages.contains(LeafKeyUsage.KEY_AGREEMENT)) {
            ok &= p.require(keyTypes.stream().allMatch(LeafKeyType::isEcdsa), path,
                    "keyAgreement needs every allowed key type to be ECDSA");
        }
        if (keyTypes != null && usages.contains(LeafKeyUsage.KEY_ENCIPHERMENT)) {
            ok &= p.require(keyTypes.stream().allMatch(LeafKeyType::isRsa), path,
                    "keyEncipherment needs every allowed key type to be RSA");
        }
        return ok ? usages : null;
    }

    /** A non-empty list of known, distinct names; null after adding problems. */
    static <T> List<T> names(List<String> names, String path, Function<String, Optional<T>> lookup,
            Function<String, String> unknown, Problems p) {
        if (!p.require(!names.isEmpty(), path, "must not be an empty list")) {
            return null;
        }
        List<T> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < names.size(); i++) {
            T value = names.get(i) == null ? null : lookup.apply(names.get(i)).orElse(null);
            ok &= p.require(value != null, path + "[" + i + "]", unknown.apply(names.get(i)))
                    && p.require(!out.contains(value), path + "[" + i + "]", "'" + names.get(i) + "' is listed twice");
            out.add(value);
        }
        return ok ? out : null;
    }

    static String unknown(String name, String allowed) {
        return "unknown value '" + name + "' (allowed: " + allowed + ")";
    }
}
