package dev.trustline.core.quorum;

import dev.trustline.core.Environment;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The officer roster ({@code officers.json}) guarding one token: who the officers are, their
 * approval keys and share indices, the threshold M, and the activation check value. Every
 * instance is valid (built only by {@link #from}, {@link #read} or {@link #parse}) and keeps the
 * exact bytes it was read from or will be written as, so {@link #sha256Hex()} names the file.
 */
public final class Roster {
    public static final int VERSION = 1;

    private final RosterDraft fields;
    private final byte[] encoded;

    private Roster(RosterDraft fields, byte[] encoded) {
        this.fields = fields;
        this.encoded = encoded.clone();
    }

    /** Validates {@code raw} (creation time truncated to seconds) and encodes it canonically. */
    public static Roster from(RosterDraft raw) throws QuorumException {
        RosterValidator.validate(raw);
        RosterDraft fields = new RosterDraft(raw.rosterId(), raw.tokenLabel(), raw.environment(), raw.threshold(),
                raw.officers(), raw.activationCheck(), raw.createdAt().truncatedTo(ChronoUnit.SECONDS));
        return new Roster(fields, RosterJson.write(fields));
    }

    /** Reads {@code officers.json} strictly and validates it; {@link #sha256Hex()} is of these bytes. */
    public static Roster read(Path file) throws QuorumException {
        return parse(SafeFiles.readSmall(file, "roster"), file.toString());
    }

    public static Roster parse(byte[] json, String origin) throws QuorumException {
        RosterDraft fields = RosterJson.parse(json, "roster " + origin);
        try {
            RosterValidator.validate(fields);
        } catch (QuorumException e) {
            throw new QuorumException("roster " + origin + ": " + e.getMessage());
        }
        return new Roster(fields, json);
    }

    /** Writes the roster to a new file; refuses to overwrite. */
    public void write(Path file) throws QuorumException {
        SafeFiles.writeNew(file, encoded, "rw-r--r--", "roster");
    }

    /** The exact file bytes. */
    public byte[] toJson() {
        return encoded.clone();
    }

    /** SHA-256 of the exact file bytes, lowercase hex (recorded in ceremony transcripts). */
    public String sha256Hex() {
        return Bytes.hex(Bytes.sha256(encoded));
    }

    public Optional<RosterOfficer> officer(String id) {
        return officers().stream().filter(o -> o.id().equals(id)).findFirst();
    }

    public String rosterId() {
        return fields.rosterId();
    }

    public String tokenLabel() {
        return fields.tokenLabel();
    }

    public Environment environment() {
        return fields.environment();
    }

    public boolean isProduction() {
        return fields.environment() == Environment.PRODUCTION;
    }

    public int threshold() {
        return fields.threshold();
    }

    public List<RosterOfficer> officers() {
        return fields.officers();
    }

    public String activationCheck() {
        return fields.activationCheck();
    }

    public Instant createdAt() {
        return fields.createdAt();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Roster that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "Roster[" + rosterId() + ", token '" + tokenLabel() + "', " + threshold() + " of " + officers().size() + "]";
    }
}
