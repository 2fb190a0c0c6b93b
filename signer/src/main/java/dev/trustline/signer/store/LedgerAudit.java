package dev.trustline.signer.store;

import dev.trustline.signer.ledger.ChainCheck;
import dev.trustline.signer.ledger.CheckpointTrust;
import dev.trustline.signer.ledger.LedgerProblem;
import dev.trustline.signer.ledger.LedgerRow;
import dev.trustline.signer.ledger.Replay;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * {@link Store#verifyLedger}: the chain rules ({@link ChainCheck}) over every ledger row in seq
 * order, each entry applied to a {@link Replay}; then the {@code ledger_head} row against the
 * last entry; then every stored row that answers a station or an auditor against the replay,
 * column by column, exactly ({@link RegistryCheck}). Stops at the first problem.
 */
final class LedgerAudit {

    private final Connection c;
    private final ChainCheck chain;
    private final Replay replay = new Replay();

    LedgerAudit(Connection c, CheckpointTrust trust) {
        this.c = c;
        this.chain = new ChainCheck(trust);
    }

    LedgerVerification run() throws SQLException {
        try {
            Ledger.<LedgerProblem>rows(c, this::entry);
            headRow();
            new RegistryCheck(c, replay).run();
            return LedgerVerification.passed(chain.entries(), chain.head());
        } catch (LedgerProblem p) {
            return LedgerVerification.failed(chain.entries(), chain.head(), p.seq(),
                    p.getMessage());
        }
    }

    /** The checker after {@link #run}: entries, head, last checkpoint. */
    ChainCheck chain() {
        return chain;
    }

    private void entry(LedgerRow row) throws LedgerProblem {
        replay.apply(row.seq(), row.time(), chain.next(row));
    }

    private void headRow() throws SQLException, LedgerProblem {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT next_seq, hash, time FROM ledger_head");
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new LedgerProblem(-1, "the ledger_head row is missing");
            }
            long next = r.getLong(1);
            String hash = r.getString(2);
            String time = r.getString(3);
            long entries = chain.entries();
            if (next != entries || !Objects.equals(hash, chain.head())
                    || !Objects.equals(time, chain.lastTime()) || r.next()) {
                throw new LedgerProblem(next > entries ? entries : -1, "the ledger head records "
                        + next + " entries ending in " + hash + " at " + time + ", but the ledger"
                        + " holds " + entries + " ending in " + chain.head() + " at "
                        + chain.lastTime() + (next > entries ? " (entries removed from the end)"
                        : ""));
            }
        }
    }
}
