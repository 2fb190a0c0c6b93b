package dev.trustline.signer.revocation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.CRLReason;

/**
 * The RFC 5280 CRLReason values a device certificate may be revoked for (section 5.3.1). Not offered:
 * certificateHold and removeFromCRL (revocation here is permanent), cACompromise and aACompromise (they
 * concern CAs and attribute authorities, not devices). Names are kebab-case, e.g. key-compromise;
 * the RFC's camelCase spelling (keyCompromise) is accepted too.
 */
public enum RevocationReason {
    UNSPECIFIED(CRLReason.unspecified),
    KEY_COMPROMISE(CRLReason.keyCompromise),
    AFFILIATION_CHANGED(CRLReason.affiliationChanged),
    SUPERSEDED(CRLReason.superseded),
    CESSATION_OF_OPERATION(CRLReason.cessationOfOperation),
    PRIVILEGE_WITHDRAWN(CRLReason.privilegeWithdrawn);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The CRLReason enumerated value (0 unspecified, 1 keyCompromise, ... 9 privilegeWithdrawn). */
    public int code() {
        return code;
    }

    /** The name used on the command line, in the API and in the ledger, e.g. "key-compromise". */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The reason for code {@code code}, as stored. */
    public static RevocationReason ofCode(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no device revocation reason has code " + code));
    }

    /** The reason named {@code name} (key-compromise or keyCompromise), if it is one a device may be revoked for. */
    public static Optional<RevocationReason> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String kebab = name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.configName().equals(kebab)).findFirst();
    }

    /** One line for a refused name: what was given and what is allowed. */
    public static String refusal(String given) {
        String kebab = given == null ? "" : given.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        String why = switch (kebab) {
            case "certificate-hold", "remove-from-crl" -> " (revocation is permanent here; holds are not offered)";
            case "ca-compromise", "aa-compromise" -> " (that reason is for CAs, not device certificates)";
            default -> "";
        };
        return "reason '" + given + "' is not a device revocation reason" + why + "; use one of " + names();
    }

    public static String names() {
        return Arrays.stream(values()).map(RevocationReason::configName).collect(Collectors.joining(", "));
    }
}
