package dev.trustline.signer.issuance;

import dev.trustline.core.policy.Policy;
import dev.trustline.core.policy.PolicyException;
import dev.trustline.core.ecdsa.SignatureCheckException;

/**
 * The checks a device line must pass before anything is signed: proof of possession (the CSR's own
 * signature), key type and strength, device ID pattern and checksum, the CSR's CN (as the policy
 * says), and the provisioning spec version when the policy names the allowed ones. Pure: no registry, no HSM.
 */
public final class DeviceChecks {
    private DeviceChecks() {
    }

    public static void check(DeviceLine line, Policy policy) throws LineRefused {
        // the cheap key-type check first: a huge RSA key must not cost a signature verification
        try {
            policy.keyTypeRule().check(line.request().publicKey());
        } catch (PolicyException e) {
            throw new LineRefused("wrong-key-type", e.getMessage());
        } catch (RuntimeException e) { // BouncyCastle's decoding of a crafted key: IllegalArgument/IllegalState and others
            throw new LineRefused("malformed-csr", "the CSR's public key is malformed: " + LineText.printable(e.getMessage()));
        }
        proofOfPossession(line);
        try {
            policy.deviceId().check(line.deviceId());
        } catch (PolicyException e) {
            throw new LineRefused("bad-device-id", e.getMessage());
        }
        try {
            policy.deviceId().checkCsrSubject(line.request().subject(), line.deviceId());
        } catch (PolicyException e) {
            throw new LineRefused("cn-mismatch", e.getMessage());
        } catch (RuntimeException e) {
            throw new LineRefused("malformed-csr", "the CSR's subject cannot be read");
        }
        if (!policy.allowsSpecVersion(line.specVersion())) {
            throw new LineRefused("spec-version-not-allowed", (line.specVersion().isEmpty() ? "spec_version is required by policy "
                    + policy.id() : "spec_version '" + line.specVersion() + "' is not one policy " + policy.id() + " allows")
                    + " (allowed: " + String.join(", ", policy.specVersions()) + ")");
        }
    }

    private static void proofOfPossession(DeviceLine line) throws LineRefused {
        try {
            if (!line.request().possessionProven()) {
                throw new LineRefused("bad-pop", "the CSR's signature does not verify (no proof of possession of the key)");
            }
        } catch (SignatureCheckException e) {
            throw new LineRefused("bad-pop", "the CSR's signature cannot be verified: " + e.getMessage());
        } catch (RuntimeException e) { // a malformed signature or algorithm field (e.g. a BIT STRING with unused bits)
            throw new LineRefused("bad-pop", "the CSR's signature cannot be verified: it is malformed");
        }
    }
}
