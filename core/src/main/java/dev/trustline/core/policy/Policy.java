package dev.trustline.core.policy;

import dev.trustline.core.Environment;
import dev.trustline.core.config.ConfigException;
import dev.trustline.core.config.StrictYaml;
import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A validated issuance policy: exactly what the signer may issue, for which intermediate, to which
 * stations, how fast and how much. Built only by {@link #from} (or {@link #load}/{@link #parse}, which
 * keep the exact file bytes that the root's detached signature covers). Immutable.
 *
 * @param issuer the issuing intermediate, by the SHA-256 of its DER certificate or of its public key
 * @param operational  the re-enrolment profile, or null when the policy offers none
 * @param source       the file name, for messages
 * @param bytes        the exact file bytes; empty when built by {@link #from} from an already parsed file
 */
public record Policy(String id, int version, Environment environment, Instant notBefore, Instant notAfter,
                     IssuerBinding issuer, String factory, List<String> stations, DeviceIdRule deviceId,
                     LeafProfile leaf, Limits limits, Reissue reissue, Revocation revocation, List<String> specVersions,
                     OperationalProfile operational, String source, byte[] bytes) {

    public Policy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(reissue, "reissue");
        stations = List.copyOf(stations);
        revocation = revocation == null ? Revocation.NONE : revocation;
        specVersions = specVersions == null ? List.of() : List.copyOf(specVersions);
        bytes = bytes == null ? new byte[0] : bytes.clone();
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("valid.not-after must be after valid.not-before");
        }
    }

    /** Validates a parsed policy file, naming every problem with its YAML path. */
    public static Policy from(PolicyFile file, String source) throws ConfigException {
        return PolicyParser.parse(file, source, null);
    }

    /** Parses and validates the exact bytes of a policy file, keeping them for signature checks. */
    public static Policy parse(byte[] bytes, String source) throws ConfigException {
        return PolicyParser.parse(StrictYaml.parse(bytes, source, PolicyFile.class), source, bytes);
    }

    /** Reads the file once, then parses and validates those bytes. */
    public static Policy load(Path file) throws ConfigException {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "file does not exist");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    /** A copy of the exact file bytes the policy was read from. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lowercase hex SHA-256 of {@link #bytes()}. */
    public String sha256() {
        return Digests.sha256Hex(bytes);
    }

    /** Whether {@code now} lies within the policy's own validity window (both ends inclusive). */
    public boolean isValidAt(Instant now) {
        return !now.isBefore(notBefore) && !now.isAfter(notAfter);
    }

    /** Whether a station whose client certificate has subject CN {@code stationCn} may use this policy. */
    public boolean allowsStation(String stationCn) {
        return stations.contains(stationCn);
    }

    /** Whether a batch line's provisioning spec version is one the policy allows (any, if it names none). */
    public boolean allowsSpecVersion(String specVersion) {
        return specVersions.isEmpty() || specVersions.contains(specVersion);
    }

    /** The re-enrolment profile, when the policy offers one. */
    public java.util.Optional<OperationalProfile> operationalProfile() {
        return java.util.Optional.ofNullable(operational);
    }

    /**
     * This policy as it issues operational certificates: the same policy (id, issuer, names, limits), with the
     * operational profile's validity and usages as its leaf, and re-issue allowed without revoking the certificate
     * it replaces (that one stays in the device's certificate history). Empty when the policy offers no re-enrolment.
     */
    public java.util.Optional<Policy> operationalView() {
        return operationalProfile().map(o -> new Policy(id, version, environment, notBefore, notAfter, issuer, factory,
                stations, deviceId, o.leafOf(leaf), limits, new Reissue(true, false), revocation, specVersions, o, source,
                bytes));
    }

    public KeyTypeRule keyTypeRule() {
        return new KeyTypeRule(id, leaf.keyTypes());
    }

    /** The signer's startup check: see {@link PolicyScope#check}. */
    public void checkUsableUnder(X509CertificateHolder root, X509CertificateHolder intermediate, Instant now)
            throws PolicyException {
        PolicyScope.check(this, root, intermediate, now);
    }

    /** Component-wise equality, comparing {@link #bytes()} by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Policy other && version == other.version && id.equals(other.id)
                && environment == other.environment && notBefore.equals(other.notBefore)
                && notAfter.equals(other.notAfter) && issuer.equals(other.issuer)
                && Objects.equals(factory, other.factory) && stations.equals(other.stations)
                && deviceId.equals(other.deviceId) && leaf.equals(other.leaf) && limits.equals(other.limits)
                && reissue.equals(other.reissue) && revocation.equals(other.revocation)
                && specVersions.equals(other.specVersions) && Objects.equals(operational, other.operational)
                && Objects.equals(source, other.source)
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version, environment, notBefore, notAfter, issuer, factory, stations, deviceId,
                leaf, limits, reissue, revocation, specVersions, operational, source, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "Policy[" + id + " v" + version + " (" + environment.configName() + "), " + source + "]";
    }
}
