package dev.trustline.ceremony.contract;

import dev.trustline.ceremony.contract.Contract.Row;
import dev.trustline.ceremony.contract.Contract.Section;
import dev.trustline.core.Version;
import dev.trustline.core.policy.CsrField;
import dev.trustline.core.policy.LeafExtKeyUsage;
import dev.trustline.core.policy.LeafKeyType;
import dev.trustline.core.policy.LeafKeyUsage;
import dev.trustline.core.policy.LeafProfile;
import dev.trustline.core.policy.Limits;
import dev.trustline.core.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Builds the contract from a validated policy and the state of its root signature. Nothing else is read. */
public final class ContractBuilder {
    /** The certificate slot and challenge format of the device line protocol (runbooks/device-protocol.md). */
    static final String SLOT = "device-identity";
    static final String CHALLENGE = "trustline-challenge-v1";

    private ContractBuilder() {
    }

    public static Contract build(Policy p, String signatureStatus) {
        List<Section> s = new ArrayList<>();
        s.add(policy(p, signatureStatus));
        s.add(identity(p));
        s.add(key(p.leaf()));
        s.add(profile(p));
        s.add(writes());
        s.add(verification());
        s.add(later(p));
        s.add(limits(p.limits()));
        return new Contract("Provisioning contract: " + p.id() + " v" + p.version(),
                "Generated from the signed policy by " + Version.TOOL + "; the policy file is the authority.", s);
    }

    private static Section policy(Policy p, String signatureStatus) {
        return new Section("Policy", List.of(Row.code("policy", p.id()), Row.text("version", Integer.toString(p.version())),
                Row.text("environment", p.environment().configName()),
                Row.text("valid", p.notBefore() + " to " + p.notAfter()),
                Row.text("factory", p.factory()), Row.code("stations", String.join(", ", p.stations())),
                Row.code("policy SHA-256", p.sha256()), Row.text("root signature", signatureStatus)), null);
    }

    private static Section identity(Policy p) {
        String checksum = p.deviceId().checksum().configName();
        String csr = p.deviceId().csrField() == CsrField.CN ? "the CSR's subject CN must be the device ID"
                : "the CSR's subject is not checked against the device ID";
        return new Section("Device identity", List.of(Row.code("format (regular expression)", p.deviceId().pattern().pattern()),
                Row.text("checksum", checksum.equals("none") ? "none" : checksum + " (over the ID's digits, last digit is the check digit)"),
                Row.text("in the CSR", csr),
                Row.text("on the line", "the ID the device reports (info) must equal the scanned label before any key or certificate")),
                null);
    }

    private static Section key(LeafProfile leaf) {
        String types = leaf.keyTypes().stream().map(LeafKeyType::configName).collect(Collectors.joining(", "));
        return new Section("Device key", List.of(Row.code("key types", types),
                Row.text("where generated", "on the device, inside its secure element or protected store (generate_key); "
                        + "never exported, never seen by the station or the signer"),
                Row.text("proof of possession", "the CSR is signed by the device key; the signer checks it before issuing")), null);
    }

    private static Section profile(Policy p) {
        LeafProfile leaf = p.leaf();
        String subject = leaf.subject().attributes().stream().map(a -> a.name() + "=" + a.template()).collect(Collectors.joining(", "));
        List<String> sans = new ArrayList<>();
        leaf.san().uris().forEach(u -> sans.add("URI " + u));
        leaf.san().dns().forEach(d -> sans.add("DNS " + d));
        return new Section("Certificate profile", List.of(Row.code("subject", subject),
                Row.code("subjectAltName", sans.isEmpty() ? "none" : String.join(", ", sans)),
                Row.code("key usage", leaf.keyUsage().stream().map(LeafKeyUsage::configName).collect(Collectors.joining(", "))),
                Row.code("extended key usage", leaf.extKeyUsage().stream().map(LeafExtKeyUsage::configName).collect(Collectors.joining(", "))),
                Row.text("validity", leaf.validityDays() + " days from issuance, clipped to the issuing intermediate's notAfter"),
                Row.code("issuer", p.issuer().describe()),
                Row.text("chain", "device certificate, issuing intermediate, root")),
                "{device_id} stands for the device's ID.");
    }

    private static Section writes() {
        return new Section("What the factory writes, and where", List.of(
                Row.text("device ID", "set_device_id, once, if the device has none; never changed afterwards"),
                Row.text("slot " + SLOT, "certificate (PEM) + chain [intermediate, root] (write_certs), read back byte for byte"),
                Row.text("nothing else", "no private key, PIN or secret is ever written by the station")), null);
    }

    private static Section verification() {
        return new Section("Verification and debug lock", List.of(
                Row.text("challenge-response", CHALLENGE + ": the device signs the prefix '" + CHALLENGE + ":' + 32 random bytes "
                        + "with SHA256withECDSA; verified with the certificate just written, which must chain to the root and name the ID read back"),
                Row.text("self-test", "must pass"),
                Row.text("debug lock", "required: finalize, then the lock state read back from the device must be locked"),
                Row.text("evidence", "challenge, signature, self-test result, firmware build and SHA-256, station, operator and time "
                        + "go to the signer, which re-checks the signature and records the device as provisioned")), null);
    }

    private static Section later(Policy p) {
        String reissue = p.reissue().allowed()
                ? "allowed for refurbished devices" + (p.reissue().revokePrevious() ? "; the previous certificate is revoked" : "")
                : "not allowed under this policy: a device ID gets one certificate";
        return new Section("Provisioned later, not at the factory", List.of(
                Row.text("cloud and fleet credentials", "enrolled by the backend at first connection, using the factory certificate"),
                Row.text("lifecycle", "shipped, activated, returned: recorded by the backend, not by stations"),
                Row.text("re-issue", reissue)), null);
    }

    private static Section limits(Limits l) {
        return new Section("Limits and versions", List.of(
                Row.text("per station", l.perStation().ratePerSecond() + "/s, burst " + l.perStation().burst()),
                Row.text("per policy", l.perPolicy().ratePerSecond() + "/s, burst " + l.perPolicy().burst()),
                Row.text("quota", String.format(Locale.ROOT, "%,d per day, %,d in total", l.perDay(), l.total())),
                Row.code("device protocol", "runbooks/device-protocol.md, " + CHALLENGE),
                Row.code("tool", Version.TOOL)), null);
    }
}
