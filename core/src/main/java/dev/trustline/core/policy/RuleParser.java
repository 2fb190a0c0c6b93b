package dev.trustline.core.policy;

import dev.trustline.core.config.Problems;
import dev.trustline.core.policy.PolicyFile.DeviceIdConfig;
import dev.trustline.core.policy.PolicyFile.LimitsConfig;
import dev.trustline.core.policy.PolicyFile.RateConfig;
import dev.trustline.core.policy.PolicyFile.ReissueConfig;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Validates the device-id, limits and reissue sections of a policy file. */
final class RuleParser {
    private RuleParser() {
    }

    static DeviceIdRule deviceId(DeviceIdConfig c, Problems p) {
        if (!p.requirePresent(c, "device-id")) {
            return null;
        }
        Pattern pattern = pattern(c.pattern(), p);
        DeviceIdChecksum checksum = null;
        if (p.requirePresent(c.checksum(), "device-id.checksum")) {
            checksum = DeviceIdChecksum.fromConfigName(c.checksum()).orElse(null);
            p.require(checksum != null, "device-id.checksum", "unknown checksum '" + c.checksum() + "' (allowed: "
                    + DeviceIdChecksum.allowedNames() + ")");
        }
        CsrField csrField = null;
        if (p.requirePresent(c.csrField(), "device-id.csr-field")) {
            csrField = CsrField.fromConfigName(c.csrField()).orElse(null);
            p.require(csrField != null, "device-id.csr-field", "must be cn or none");
        }
        return pattern == null || checksum == null || csrField == null ? null
                : new DeviceIdRule(pattern, checksum, csrField);
    }

    private static Pattern pattern(String regex, Problems p) {
        if (!p.requirePresent(regex, "device-id.pattern")) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            p.add("device-id.pattern", "not a valid Java regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
            return null;
        }
    }

    static Limits limits(LimitsConfig c, Problems p) {
        if (!p.requirePresent(c, "limits")) {
            return null;
        }
        Limits.Rate perStation = rate(c.perStation(), "limits.per-station", p);
        Limits.Rate perPolicy = rate(c.perPolicy(), "limits.per-policy", p);
        boolean ok = count(c.perDay(), "limits.per-day", p) & count(c.total(), "limits.total", p);
        if (ok) {
            ok = p.require(c.perDay() <= c.total(), "limits.per-day", "must not exceed limits.total (" + c.total() + ")");
        }
        return ok && perStation != null && perPolicy != null
                ? new Limits(perStation, perPolicy, c.perDay(), c.total()) : null;
    }

    private static Limits.Rate rate(RateConfig c, String path, Problems p) {
        if (!p.requirePresent(c, path)) {
            return null;
        }
        boolean ok = p.requirePresent(c.ratePerSecond(), path + ".rate-per-second")
                && p.require(c.ratePerSecond() > 0, path + ".rate-per-second", "must be a positive integer");
        ok &= p.requirePresent(c.burst(), path + ".burst")
                && p.require(c.burst() >= 1, path + ".burst", "must be at least 1");
        return ok ? new Limits.Rate(c.ratePerSecond(), c.burst()) : null;
    }

    private static boolean count(Long value, String path, Problems p) {
        return p.requirePresent(value, path) && p.require(value > 0, path, "must be a positive integer");
    }

    static Reissue reissue(ReissueConfig c) {
        if (c == null) {
            return Reissue.DEFAULT;
        }
        boolean allowed = c.allowed() == null ? Reissue.DEFAULT.allowed() : c.allowed();
        boolean revoke = c.revokePrevious() == null ? Reissue.DEFAULT.revokePrevious() : c.revokePrevious();
        return new Reissue(allowed, revoke);
    }
}
