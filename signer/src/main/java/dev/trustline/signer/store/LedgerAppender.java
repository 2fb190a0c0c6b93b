package dev.trustline.signer.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.chain.CanonicalJson;
import dev.trustline.core.chain.ChainEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Appends one ledger entry inside the caller's write transaction: locks the head first (so lifecycle
 * writes queue behind issuance commits in one order), continues the hash chain at a time never earlier
 * than the head's, inserts the entry and moves the head.
 */
final class LedgerAppender {
    private final Connection c;
    private final long nextSeq;
    private final String hash;
    private final Instant time;

    private LedgerAppender(Connection c, long nextSeq, String hash, Instant time) {
        this.c = c;
        this.nextSeq = nextSeq;
        this.hash = hash;
        this.time = time;
    }

    /** Locks the head; call first in the transaction. */
    static LedgerAppender lock(Connection c, Dialect dialect, Instant now) throws SQLException {
        Instant requested = now.truncatedTo(ChronoUnit.MILLIS);
        try (PreparedStatement s = c.prepareStatement(
                "SELECT next_seq, hash, time FROM ledger_head WHERE id = 1" + dialect.headLockSuffix());
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new SQLException("ledger_head row is missing");
            }
            Instant head = r.getString(3) == null ? null : Times.parse(r.getString(3)).orElseThrow(() ->
                    new SQLException("ledger_head time is not in the stored form"));
            return new LedgerAppender(c, r.getLong(1), r.getString(2),
                    head != null && head.isAfter(requested) ? head : requested);
        }
    }

    /** The entry's time: now, or the head's if that is later. */
    Instant time() {
        return time;
    }

    /** The seq the next {@link #append} will get. */
    long nextSeq() {
        return nextSeq;
    }

    ChainEntry append(String type, ObjectNode payload) throws SQLException {
        ChainEntry e = ChainEntry.create(nextSeq, time, type, payload, hash);
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO ledger (seq, time, type, payload, prev, hash) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, e.seq());
            s.setString(2, Times.format(e.time()));
            s.setString(3, e.type());
            s.setString(4, CanonicalJson.encodeToString(e.payload()));
            s.setString(5, e.prev());
            s.setString(6, e.hash());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE ledger_head SET next_seq = ?, hash = ?, time = ? WHERE id = 1")) {
            s.setLong(1, e.seq() + 1);
            s.setString(2, e.hash());
            s.setString(3, Times.format(e.time()));
            s.executeUpdate();
        }
        return e;
    }
}
