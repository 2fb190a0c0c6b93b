package dev.trustline.signer.store;

import dev.trustline.core.chain.ChainEntry;
import dev.trustline.core.TrustLineException;
import dev.trustline.signer.ledger.CheckpointEntry;
import dev.trustline.signer.ledger.CheckpointSigner;
import dev.trustline.signer.ledger.Checkpoints;
import dev.trustline.signer.ledger.LedgerRow;
import dev.trustline.signer.ledger.Payload;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What the store keeps of the issuance ledger: the hash-chained {@code ledger} rows and the
 * single {@code ledger_head} row (next seq, last hash, last time) that every append moves.
 * Every method runs inside the caller's transaction.
 */
final class Ledger {

    /** The head as stored; {@code time} is null before the first entry. */
    record Head(long nextSeq, String hash, Instant time) {
        LedgerHead toLedgerHead() {
            return new LedgerHead(nextSeq, hash);
        }

        /** The head after {@code row}, written at {@code time}. */
        Head after(LedgerRow row, Instant time) {
            return new Head(row.seq() + 1, row.hash(), time);
        }

        /** {@code now}, or the head's time if later: a chain's times never go backwards. */
        Instant timeFor(Instant now) {
            return time != null && time.isAfter(now) ? time : now;
        }

        /** The next entry after this head. */
        LedgerRow next(Instant at, Payload payload) {
            return LedgerRow.create(nextSeq, Times.format(at), payload, hash);
        }
    }

    private Ledger() {
    }

    /** Reads the head; {@code lockSuffix} makes it a locking read in a write transaction. */
    static Head head(Connection c, String lockSuffix) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT next_seq, hash, time FROM ledger_head WHERE id = 1" + lockSuffix);
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new SQLException("ledger_head row is missing");
            }
            String time = r.getString(3);
            return new Head(r.getLong(1), r.getString(2), time == null ? null
                    : Times.stored(time));
        }
    }

    /** Inserts {@code entries} (which continue the chain from the stored head) and moves it. */
    static void append(Connection c, List<LedgerRow> entries, Head head) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger (seq, time,"
                + " type, payload, prev, hash) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (LedgerRow e : entries) {
                s.setLong(1, e.seq());
                s.setString(2, e.time());
                s.setString(3, e.type());
                s.setString(4, e.payload());
                s.setString(5, e.prev());
                s.setString(6, e.hash());
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE ledger_head SET next_seq = ?, hash = ?, time = ? WHERE id = 1")) {
            s.setLong(1, head.nextSeq());
            s.setString(2, head.hash());
            s.setString(3, Times.format(head.time()));
            s.executeUpdate();
        }
    }

    /** Every row as stored, in seq order, to {@code sink}. */
    static <E extends Exception> void rows(Connection c, RowSink<E> sink)
            throws SQLException, E {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT seq, time, type, payload, prev, hash FROM ledger ORDER BY seq")) {
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sink.accept(new LedgerRow(r.getLong(1), r.getString(2), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6)));
                }
            }
        }
    }

    /** Receives ledger rows one by one. */
    @FunctionalInterface
    interface RowSink<E extends Exception> {
        void accept(LedgerRow row) throws E;
    }

    /**
     * Writes every row, as stored, as a JSON line in the transcript format, then forces the
     * file to disk.
     *
     * @throws StoreException if the ledger is empty
     */
    static LedgerHead export(Connection c, FileChannel channel)
            throws SQLException, IOException, StoreException {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        long[] count = {0};
        String[] head = {ChainEntry.ZERO_HASH};
        Ledger.<IOException>rows(c, row -> {
            out.write(row.line().getBytes(StandardCharsets.UTF_8));
            head[0] = row.hash();
            count[0]++;
        });
        if (count[0] == 0) {
            throw new StoreException("the ledger is empty; an empty file is not a chain");
        }
        out.flush();
        channel.force(true);
        return new LedgerHead(count[0], head[0]);
    }

    /** The newest checkpoint row, if any. */
    static java.util.Optional<LedgerRow> lastCheckpoint(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT seq, time, type, payload, prev,"
                + " hash FROM ledger WHERE type = 'checkpoint' ORDER BY seq DESC LIMIT 1");
                ResultSet r = s.executeQuery()) {
            return r.next() ? java.util.Optional.of(new LedgerRow(r.getLong(1), r.getString(2),
                    r.getString(3), r.getString(4), r.getString(5), r.getString(6)))
                    : java.util.Optional.empty();
        }
    }

    /** See {@link Store#checkpoint}. */
    static java.util.Optional<LedgerRow> checkpoint(Connection c, String lock,
            CheckpointSigner signer, Instant now) throws SQLException, StoreException {
        Head head = head(c, lock);
        if (head.nextSeq() == 0 || CheckpointEntry.TYPE.equals(typeAt(c, head.nextSeq() - 1))) {
            return java.util.Optional.empty();
        }
        Instant time = head.timeFor(now);
        CheckpointEntry cp;
        try {
            cp = Checkpoints.sign(signer, head.nextSeq(), head.hash(), Times.format(time));
        } catch (TrustLineException e) {
            throw new StoreException("cannot sign a ledger checkpoint: " + e.getMessage(), e);
        }
        LedgerRow row = head.next(time, cp);
        append(c, List.of(row), head.after(row, time));
        return java.util.Optional.of(row);
    }

    private static String typeAt(Connection c, long seq) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT type FROM ledger WHERE seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /** {@code verified} if the ledger holds {@code kept} unchanged, else why not. */
    static LedgerVerification holds(Connection c, LedgerRow kept, LedgerVerification verified)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT seq, time, type, payload, prev,"
                + " hash FROM ledger WHERE seq = ?")) {
            s.setLong(1, kept.seq());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return LedgerVerification.failed(verified.entries(), verified.head(),
                            kept.seq(), "the ledger holds " + verified.entries() + " entries, but"
                            + " the kept checkpoint is entry " + kept.seq() + " (entries were"
                            + " removed from the end)");
                }
                LedgerRow stored = new LedgerRow(r.getLong(1), r.getString(2), r.getString(3),
                        r.getString(4), r.getString(5), r.getString(6));
                if (!stored.equals(kept)) {
                    return LedgerVerification.failed(verified.entries(), verified.head(),
                            kept.seq(), "ledger entry " + kept.seq() + " is not the kept"
                            + " checkpoint (hash " + stored.hash() + ", kept " + kept.hash()
                            + ")");
                }
                return verified;
            }
        }
    }
}
