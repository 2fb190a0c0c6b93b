package dev.trustline.signer.store;

import dev.trustline.core.chain.CanonicalJson;
import dev.trustline.core.chain.ChainEntry;
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

        /** The head after {@code entry}. */
        Head after(ChainEntry entry) {
            return new Head(entry.seq() + 1, entry.hash(), entry.time());
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
    static void append(Connection c, List<ChainEntry> entries, Head head) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger (seq, time,"
                + " type, payload, prev, hash) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (ChainEntry e : entries) {
                s.setLong(1, e.seq());
                s.setString(2, Times.format(e.time()));
                s.setString(3, e.type());
                s.setString(4, CanonicalJson.encodeToString(e.payload()));
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

    /**
     * Writes every row, as stored, as a JSON line in the transcript format, then forces the
     * file to disk.
     *
     * @throws StoreException if a row is not a well-formed entry, or the ledger is empty
     */
    static LedgerHead export(Connection c, FileChannel channel)
            throws SQLException, IOException, StoreException {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        long count = 0;
        String head = ChainEntry.ZERO_HASH;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT seq, time, type, payload, prev, hash FROM ledger ORDER BY seq")) {
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ChainEntry entry = LedgerAudit.entryOf(r);
                    out.write(entry.toLine().getBytes(StandardCharsets.UTF_8));
                    head = entry.hash();
                    count++;
                }
            }
        } catch (LedgerAudit.BadRow e) {
            throw new StoreException("ledger entry " + e.seq + " cannot be exported: "
                    + e.getMessage(), e);
        }
        if (count == 0) {
            throw new StoreException("the ledger is empty; an empty file is not a chain");
        }
        out.flush();
        channel.force(true);
        return new LedgerHead(count, head);
    }
}
