package dev.trustline.signer.ledger;

import dev.trustline.core.chain.ChainEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * The chain rules, applied to rows fed in order: seq counts from 0; every field in its one
 * form (hex in lower case, times as {@code 2026-11-25T10:31:02.123Z}); the hash is the hash of
 * the rest; prev is the previous hash (64 zeros first); times never go backwards; the payload
 * is canonical and of its type's exact shape; a checkpoint states its own seq and prev and
 * time, and its signature verifies (when a {@link CheckpointTrust} is given).
 */
public final class ChainCheck {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final DateTimeFormatter TIME = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC)
            .withResolverStyle(ResolverStyle.STRICT);

    private final CheckpointTrust trust;
    private long entries;
    private String head = ChainEntry.ZERO_HASH;
    private String lastTime;
    private CheckpointEntry lastCheckpoint;
    private long lastCheckpointSeq = -1;

    /** @param trust checks checkpoint signatures; null to check only their form */
    public ChainCheck(CheckpointTrust trust) {
        this.trust = trust;
    }

    /** Checks the next row and returns its typed payload. */
    public Payload next(LedgerRow row) throws LedgerProblem {
        long seq = entries;
        if (row.seq() != seq) {
            throw new LedgerProblem(seq, "ledger entry " + seq + " is missing (the next stored entry is "
                    + row.seq() + ")");
        }
        form(row);
        Payload payload = Payloads.decode(seq, row.type(), row.payload());
        if (!row.hash().equals(row.computeHash())) {
            throw problem(seq, "hash does not match its content");
        }
        if (!row.prev().equals(head)) {
            throw problem(seq, seq == 0 ? "prev is not 64 zeros"
                    : "prev does not match the hash of entry " + (seq - 1));
        }
        if (lastTime != null && row.time().compareTo(lastTime) < 0) {
            throw problem(seq, "time goes backwards from entry " + (seq - 1));
        }
        if (payload instanceof CheckpointEntry cp) {
            checkpoint(row, cp);
        }
        lastTime = row.time();
        head = row.hash();
        entries++;
        return payload;
    }

    /**
     * A checkpoint entry on its own (a file an auditor kept): its form, its hash, its statement
     * (entries = its seq, head = its prev, its time) and its signature up to {@code trust}'s root.
     */
    public static CheckpointEntry checkpointAlone(LedgerRow row, CheckpointTrust trust)
            throws LedgerProblem {
        ChainCheck check = new ChainCheck(trust);
        check.form(row);
        Payload payload = Payloads.decode(row.seq(), row.type(), row.payload());
        if (!(payload instanceof CheckpointEntry cp)) {
            throw problem(row.seq(), "is a " + row.type() + " entry, not a checkpoint");
        }
        if (!row.hash().equals(row.computeHash())) {
            throw problem(row.seq(), "hash does not match its content");
        }
        check.checkpoint(row, cp);
        return cp;
    }

    private void form(LedgerRow row) throws LedgerProblem {
        if (!isTime(row.time())) {
            throw problem(row.seq(), "time '" + row.time()
                    + "' is not of the form 2026-11-25T10:31:02.123Z");
        }
        if (row.type() == null || !TYPE.matcher(row.type()).matches()) {
            throw problem(row.seq(), "type must be lower-case kebab-case");
        }
        if (row.prev() == null || !HEX64.matcher(row.prev()).matches()) {
            throw problem(row.seq(), "prev must be 64 lower-case hex digits");
        }
        if (row.hash() == null || !HEX64.matcher(row.hash()).matches()) {
            throw problem(row.seq(), "hash must be 64 lower-case hex digits");
        }
    }

    private void checkpoint(LedgerRow row, CheckpointEntry cp) throws LedgerProblem {
        if (cp.entries() != row.seq() || !cp.head().equals(row.prev())
                || !cp.time().equals(row.time())) {
            throw problem(row.seq(), "checkpoint states " + cp.entries() + " entries ending in "
                    + cp.head() + " at " + cp.time() + ", but it is entry " + row.seq()
                    + " after " + row.prev() + " at " + row.time());
        }
        if (trust != null) {
            trust.verify(row.seq(), cp);
        }
        lastCheckpoint = cp;
        lastCheckpointSeq = row.seq();
    }

    /** Entries checked so far. */
    public long entries() {
        return entries;
    }

    /** Hash of the last entry checked (64 zeros if none). */
    public String head() {
        return head;
    }

    /** Time of the last entry checked, null if none. */
    public String lastTime() {
        return lastTime;
    }

    /** Seq of the last checkpoint checked, -1 if none. */
    public long lastCheckpointSeq() {
        return lastCheckpointSeq;
    }

    public CheckpointEntry lastCheckpoint() {
        return lastCheckpoint;
    }

    static boolean isTime(String text) {
        if (text == null) {
            return false;
        }
        try {
            return TIME.format(Instant.from(TIME.parse(text))).equals(text);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static LedgerProblem problem(long seq, String why) {
        return new LedgerProblem(seq, "ledger entry " + seq + ": " + why);
    }
}
