package dev.trustline.signer.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What differs between SQLite and PostgreSQL: column types, how a write transaction takes the
 * lock that serializes ledger appends, and which errors are worth retrying. The SQL itself is
 * written once, in the subset both accept (including {@code INSERT ... ON CONFLICT}).
 */
enum Dialect {

    /**
     * One writer at a time by construction: {@code BEGIN IMMEDIATE} takes the database's write
     * lock before the first read, so the quota and duplicate checks see every committed row and
     * no other writer can commit until this one does. Transactions are issued as SQL with the
     * JDBC connection left in auto-commit mode, so the driver never opens a deferred one itself.
     */
    SQLITE("BLOB", "INTEGER") {
        @Override
        void beginWrite(Connection c) throws SQLException {
            exec(c, "BEGIN IMMEDIATE");
        }

        @Override
        void beginRead(Connection c) throws SQLException {
            exec(c, "BEGIN DEFERRED");
        }

        @Override
        void commit(Connection c) throws SQLException {
            exec(c, "COMMIT");
        }

        @Override
        void rollback(Connection c) throws SQLException {
            exec(c, "ROLLBACK");
        }

        @Override
        boolean isRetryable(SQLException e) {
            // SQLITE_BUSY (5) / SQLITE_LOCKED (6) after busy_timeout: another process held the lock.
            int code = e.getErrorCode() & 0xff;
            return code == 5 || code == 6;
        }

        @Override
        String headLockSuffix() {
            return "";
        }

        @Override
        void lockForMigration(Connection c) {
            // BEGIN IMMEDIATE already holds the database's write lock.
        }

        @Override
        String nowMicros() {
            // julianday('now') carries milliseconds; SQLite's clock is the host's (one process per file).
            return "CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)";
        }
    },

    /**
     * READ COMMITTED plus a row lock on the single {@code ledger_head} row ({@code SELECT ... FOR
     * UPDATE}) taken as the first statement of every chunk commit: commits from every instance
     * queue on that row, and each statement after the lock sees everything committed before it.
     */
    POSTGRES("BYTEA", "BIGINT") {
        @Override
        void beginWrite(Connection c) throws SQLException {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }

        @Override
        void beginRead(Connection c) throws SQLException {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }

        @Override
        void commit(Connection c) throws SQLException {
            c.commit();
            c.setAutoCommit(true);
        }

        @Override
        void rollback(Connection c) throws SQLException {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        }

        @Override
        boolean isRetryable(SQLException e) {
            String state = e.getSQLState();
            return "40001".equals(state) || "40P01".equals(state);
        }

        @Override
        String headLockSuffix() {
            return " FOR UPDATE";
        }

        @Override
        void lockForMigration(Connection c) throws SQLException {
            // Instances opening at once: the first migrates, the others wait, then see it done.
            exec(c, "SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        }

        @Override
        String nowMicros() {
            // clock_timestamp(), not now(): the time when the statement runs (after the row locks
            // were granted), not when the transaction began.
            return "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)";
        }
    };

    /** Arbitrary constant naming TrustLine's migration advisory lock in PostgreSQL. */
    static final long MIGRATION_LOCK = 0x54724c6e5363L;

    final String blob;
    final String bigint;

    Dialect(String blob, String bigint) {
        this.blob = blob;
        this.bigint = bigint;
    }

    abstract void beginWrite(Connection c) throws SQLException;

    abstract void beginRead(Connection c) throws SQLException;

    abstract void commit(Connection c) throws SQLException;

    abstract void rollback(Connection c) throws SQLException;

    abstract boolean isRetryable(SQLException e);

    /** Appended to the read of the ledger head inside a write transaction. */
    abstract String headLockSuffix();

    /** Serializes schema migration between instances, inside the migration transaction. */
    abstract void lockForMigration(Connection c) throws SQLException;

    /**
     * An SQL expression for the database server's clock in microseconds since the epoch: one
     * clock for every instance that shares the database (rate buckets refill by it).
     */
    abstract String nowMicros();

    /** {@code sql} with {@code ${blob}} and {@code ${bigint}} replaced by this dialect's types. */
    String ddl(String sql) {
        return sql.replace("${blob}", blob).replace("${bigint}", bigint);
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
