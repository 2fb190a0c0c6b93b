package dev.trustline.core.policy;

import dev.trustline.core.Environment;
import dev.trustline.core.config.ConfigException;
import dev.trustline.core.config.Problems;
import dev.trustline.core.policy.PolicyFile.IssuerConfig;
import dev.trustline.core.policy.PolicyFile.ValidConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Validates a raw {@link PolicyFile}: the header fields here, the rules and the leaf profile in their parsers. */
final class PolicyParser {
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private PolicyParser() {
    }

    static Policy parse(PolicyFile f, String source, byte[] bytes) throws ConfigException {
        Problems p = new Problems(source);
        String id = id(f.policy(), "policy", p);
        p.requirePresent(f.version(), "version");
        p.require(f.version() == null || f.version() > 0, "version", "must be a positive integer");
        Environment environment = environment(f.environment(), p);
        Instant[] window = window(f.valid(), p);
        IssuerBinding issuer = issuer(f.issuer(), p);
        String factory = id(f.factory(), "factory", p);
        List<String> stations = stations(f.stations(), p);
        DeviceIdRule deviceId = RuleParser.deviceId(f.deviceId(), p);
        LeafProfile leaf = LeafParser.parse(f, p);
        Limits limits = RuleParser.limits(f.limits(), p);
        Reissue reissue = RuleParser.reissue(f.reissue());
        Revocation revocation = Revocation.parse(f.revocation(), p);
        List<String> specVersions = specVersions(f.provisioning(), p);
        OperationalProfile operational = LeafParser.operational(f.operational(), leaf, p);
        p.throwIfAny();
        return new Policy(id, f.version(), environment, window[0], window[1], issuer, factory, stations, deviceId,
                leaf, limits, reissue, revocation, specVersions, operational, source, bytes);
    }

    private static String id(String value, String path, Problems p) {
        return p.requirePresent(value, path) && p.require(ID.matcher(value).matches(), path,
                "'" + value + "' is not an id (lowercase letters, digits and '-', starting with a letter or digit, "
                        + "at most 63 characters)") ? value : null;
    }

    private static Environment environment(String value, Problems p) {
        if (!p.requirePresent(value, "environment")) {
            return null;
        }
        Environment e = Environment.fromConfigName(value).orElse(null);
        p.require(e != null, "environment", "must be production or test");
        return e;
    }

    private static Instant[] window(ValidConfig v, Problems p) {
        if (!p.requirePresent(v, "valid")) {
            return new Instant[2];
        }
        Instant from = time(v.notBefore(), "valid.not-before", p);
        Instant to = time(v.notAfter(), "valid.not-after", p);
        if (from != null && to != null) {
            p.require(to.isAfter(from), "valid.not-after", "must be after not-before");
        }
        return new Instant[] {from, to};
    }

    /** {@code 2026-11-01T00:00:00Z}, or a date {@code 2026-11-01} meaning midnight UTC. */
    static Instant time(String value, String path, Problems p) {
        if (!p.requirePresent(value, path)) {
            return null;
        }
        try {
            Instant instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
            return p.require(instant.getNano() == 0, path, "must be a whole second") ? instant : null;
        } catch (DateTimeParseException e) {
            p.add(path, "'" + value + "' is not a UTC time like 2026-11-01T00:00:00Z or a date like 2026-11-01");
            return null;
        }
    }

    private static IssuerBinding issuer(IssuerConfig issuer, Problems p) {
        if (!p.requirePresent(issuer, "issuer")) {
            return null;
        }
        if ((issuer.certificateSha256() == null) == (issuer.publicKeySha256() == null)) {
            p.add("issuer", "give exactly one of certificate-sha256, public-key-sha256");
            return null;
        }
        IssuerBinding.Kind kind = issuer.certificateSha256() != null ? IssuerBinding.Kind.CERTIFICATE : IssuerBinding.Kind.PUBLIC_KEY;
        String value = kind == IssuerBinding.Kind.CERTIFICATE ? issuer.certificateSha256() : issuer.publicKeySha256();
        return p.require(SHA256_HEX.matcher(value).matches(), "issuer." + kind.field(),
                "must be 64 lowercase hex digits: the SHA-256 of the issuing intermediate's DER certificate (or public key)")
                ? new IssuerBinding(kind, value) : null;
    }

    private static List<String> specVersions(PolicyFile.ProvisioningConfig c, Problems p) {
        if (c == null || c.specVersions() == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        p.require(!c.specVersions().isEmpty(), "provisioning.spec-versions", "must not be an empty list (leave it out to allow any)");
        for (int i = 0; i < c.specVersions().size(); i++) {
            String v = c.specVersions().get(i);
            String path = "provisioning.spec-versions[" + i + "]";
            if (p.requirePresent(v, path) && p.require(v.matches("[A-Za-z0-9._+-]{1,64}"), path,
                    "'" + v + "' must be 1 to 64 letters, digits, '.', '_', '+' or '-'")
                    && p.require(!out.contains(v), path, "'" + v + "' is listed twice")) {
                out.add(v);
            }
        }
        return out;
    }

    private static List<String> stations(List<String> stations, Problems p) {
        List<String> out = new ArrayList<>();
        if (!p.requirePresent(stations, "stations")
                || !p.require(!stations.isEmpty(), "stations", "must list at least one station")) {
            return out;
        }
        for (int i = 0; i < stations.size(); i++) {
            String s = stations.get(i);
            String path = "stations[" + i + "]";
            if (p.requirePresent(s, path) && p.require(s.equals(s.strip()) && s.length() <= 64, path,
                    "must be a station certificate's CN: at most 64 characters, no leading or trailing spaces")
                    && p.require(!out.contains(s), path, "'" + s + "' is listed twice")) {
                out.add(s);
            }
        }
        return out;
    }
}
