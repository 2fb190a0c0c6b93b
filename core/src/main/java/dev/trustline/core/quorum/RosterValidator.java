package dev.trustline.core.quorum;

import dev.trustline.core.Environment;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rules a roster must satisfy; each failure has its own message. */
final class RosterValidator {
    static final int MAX_TOKEN_LABEL_BYTES = 32;

    private RosterValidator() {
    }

    static void validate(RosterDraft raw) throws QuorumException {
        Ids.checkRosterId(raw.rosterId());
        checkTokenLabel(raw.tokenLabel());
        if (raw.environment() == null) {
            throw new QuorumException("the environment must be production or test");
        }
        checkThreshold(raw.threshold(), raw.officers().size(), raw.environment());
        checkOfficers(raw.officers());
        if (!Bytes.isLowerHex(raw.activationCheck(), 64)) {
            throw new QuorumException("activation check must be 64 lowercase hex digits");
        }
        if (raw.createdAt() == null) {
            throw new QuorumException("the creation time is missing");
        }
    }

    private static void checkTokenLabel(String label) throws QuorumException {
        if (label == null || label.isEmpty() || label.getBytes(StandardCharsets.UTF_8).length > MAX_TOKEN_LABEL_BYTES
                || label.chars().anyMatch(Character::isISOControl)) {
            throw new QuorumException("token label must be 1 to " + MAX_TOKEN_LABEL_BYTES + " bytes of printable UTF-8");
        }
    }

    static void checkThreshold(int m, int n, Environment environment) throws QuorumException {
        if (n > ShamirSplit.MAX_OFFICERS) {
            throw new QuorumException(n + " officers exceed the maximum of " + ShamirSplit.MAX_OFFICERS);
        }
        if (m < 1) {
            throw new QuorumException("threshold " + m + " must be at least 1");
        }
        if (m > n) {
            throw new QuorumException("threshold " + m + " exceeds the " + n + " officers");
        }
        if (m == 1 && environment != Environment.TEST) {
            throw new QuorumException("threshold 1 is allowed only in a test environment");
        }
    }

    private static void checkOfficers(List<RosterOfficer> officers) throws QuorumException {
        Map<String, String> keys = new HashMap<>();
        Map<Integer, String> indices = new HashMap<>();
        Map<String, Boolean> ids = new HashMap<>();
        for (RosterOfficer officer : officers) {
            checkOfficer(officer);
            if (ids.put(officer.id(), Boolean.TRUE) != null) {
                throw new QuorumException("duplicate officer id '" + officer.id() + "'");
            }
            String other = keys.put(Bytes.hex(officer.approvalPublicKeyBytes()), officer.id());
            if (other != null) {
                throw new QuorumException("officers '" + other + "' and '" + officer.id() + "' have the same approval key");
            }
            other = indices.put(officer.shareIndex(), officer.id());
            if (other != null) {
                throw new QuorumException("officers '" + other + "' and '" + officer.id() + "' have the same share index "
                        + officer.shareIndex());
            }
        }
    }

    private static void checkOfficer(RosterOfficer officer) throws QuorumException {
        Ids.checkOfficerId(officer.id());
        Ids.checkOfficerName(officer.id(), officer.name());
        if (officer.shareIndex() < 1 || officer.shareIndex() > ShareCodec.MAX_INDEX) {
            throw new QuorumException("officer '" + officer.id() + "': share index " + officer.shareIndex()
                    + " is outside 1.." + ShareCodec.MAX_INDEX);
        }
        if (officer.approvalPublicKey() == null || Ed25519Keys.publicKey(officer.approvalPublicKeyBytes()) == null) {
            throw new QuorumException("officer '" + officer.id() + "': approval public key is not an Ed25519 SubjectPublicKeyInfo");
        }
    }
}
