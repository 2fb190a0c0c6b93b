package dev.trustline.core.policy;

import dev.trustline.core.config.ConfigException;
import java.nio.charset.StandardCharsets;

/** The valid policy text the tests start from (the example policy's content), and edits of it. */
final class PolicyYaml {
    static final String ISSUER_SHA256 = "ab".repeat(32);
    static final String BASE = """
            policy: shenzhen-gateways-2026
            version: 3
            environment: test
            valid: {not-before: 2026-11-01T00:00:00Z, not-after: 2027-11-01T00:00:00Z}
            issuer:
              certificate-sha256: "%s"
            factory: shenzhen-01
            stations:
              - station-sz-01
              - station-sz-02
            device-id:
              pattern: "GW[0-9]{10}"
              checksum: luhn
              csr-field: cn
            subject:
              - {O: Example Gateways Ltd}
              - {OU: Shenzhen Factory}
              - {CN: "{device_id}"}
            san:
              uris: ["urn:dev:{device_id}"]
            key-types: [ecdsa-p256]
            leaf-validity-days: 7300
            key-usage: [digitalSignature]
            ext-key-usage: [clientAuth]
            limits:
              per-station: {rate-per-second: 50, burst: 100}
              per-policy: {rate-per-second: 200, burst: 400}
              per-day: 10000
              total: 100000
            reissue:
              allowed: false
              revoke-previous: true
            """.formatted(ISSUER_SHA256);

    private PolicyYaml() {
    }

    /** The base text with {@code from} (which must occur) replaced by {@code to}. */
    static String edit(String from, String to) {
        return edit(BASE, from, to);
    }

    static String edit(String text, String from, String to) {
        if (!text.contains(from)) {
            throw new IllegalArgumentException("test edit: '" + from + "' not in the policy text");
        }
        return text.replace(from, to);
    }

    static Policy parseUnchecked(String text) {
        try {
            return parse(text);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    static Policy parse(String text) throws ConfigException {
        return Policy.parse(text.getBytes(StandardCharsets.UTF_8), "policy.yaml");
    }
}
