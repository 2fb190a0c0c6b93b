package dev.trustline.core.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * What a device ID must look like: it matches {@code pattern} as a whole and carries a correct
 * {@code checksum}; {@code csrField} says whether the CSR's subject CN must repeat it.
 */
public record DeviceIdRule(Pattern pattern, DeviceIdChecksum checksum, CsrField csrField) {
    public DeviceIdRule {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(csrField, "csrField");
    }

    /** Equal when the patterns are the same text and the checksum and CSR field agree. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceIdRule other && pattern.pattern().equals(other.pattern.pattern())
                && pattern.flags() == other.pattern.flags() && checksum == other.checksum && csrField == other.csrField;
    }

    @Override
    public int hashCode() {
        return Objects.hash(pattern.pattern(), checksum, csrField);
    }

    /** Why {@code deviceId} is refused, or empty when it is acceptable. */
    public Optional<String> violation(String deviceId) {
        if (deviceId == null || deviceId.isEmpty()) {
            return Optional.of("device ID is empty");
        }
        if (!pattern.matcher(deviceId).matches()) {
            return Optional.of("device ID '" + deviceId + "' does not match pattern " + pattern.pattern());
        }
        if (!checksum.isValid(deviceId)) {
            return Optional.of("device ID '" + deviceId + "' fails its " + checksum.configName() + " checksum");
        }
        return Optional.empty();
    }

    public void check(String deviceId) throws PolicyException {
        Optional<String> violation = violation(deviceId);
        if (violation.isPresent()) {
            throw new PolicyException(violation.get());
        }
    }

    /** With {@code csr-field: cn}, the CSR subject must have exactly one CN and it must equal the device ID. */
    public void checkCsrSubject(X500Name csrSubject, String deviceId) throws PolicyException {
        if (csrField == CsrField.NONE) {
            return;
        }
        RDN[] cns = csrSubject.getRDNs(BCStyle.CN);
        if (cns.length != 1 || cns[0].isMultiValued()) {
            throw new PolicyException("the CSR subject must have exactly one CN equal to the device ID '"
                    + deviceId + "'");
        }
        String cn = Dn.text(cns[0].getFirst().getValue());
        if (!cn.equals(deviceId)) {
            throw new PolicyException("the CSR subject CN '" + cn + "' is not the device ID '" + deviceId + "'");
        }
    }
}
