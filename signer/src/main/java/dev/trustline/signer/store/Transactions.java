package dev.trustline.signer.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's one transaction helper: takes a connection from the bounded pool, begins a read or
 * write transaction in the {@link Dialect}'s way, runs the work, commits, and retries the whole
 * transaction (up to 5 attempts) when the database says a retry may succeed (SQLite busy,
 * PostgreSQL serialization failure or deadlock). A connection whose rollback failed is evicted
 * from the pool rather than reused.
 *
 * <p>SQLite writers also queue on an in-process fair lock, so threads of one process wait in
 * order instead of in the busy handler's sleeps; the database's own write lock still serializes
 * several processes on one file.
 */
final class Transactions implements AutoCloseable {

    /** The work of one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException, StoreException;
    }

    private static final int MAX_ATTEMPTS = 5;

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String name;
    private final ReentrantLock localWriter;

    Transactions(HikariDataSource pool, Dialect dialect, String name) {
        this.pool = pool;
        this.dialect = dialect;
        this.name = name;
        this.localWriter = dialect == Dialect.SQLITE ? new ReentrantLock(true) : null;
    }

    Dialect dialect() {
        return dialect;
    }

    String name() {
        return name;
    }

    /** Runs {@code work} in a write transaction; {@code what} names it in errors. */
    <T> T write(String what, Work<T> work) throws StoreException {
        return transaction(what, true, work);
    }

    /** Runs {@code work} in a read-only snapshot (PostgreSQL: REPEATABLE READ). */
    <T> T read(String what, Work<T> work) throws StoreException {
        return transaction(what, false, work);
    }

    private <T> T transaction(String what, boolean write, Work<T> work) throws StoreException {
        for (int attempt = 1;; attempt++) {
            try {
                if (localWriter == null || !write) {
                    return once(write, work);
                }
                localWriter.lock();
                try {
                    return once(true, work);
                } finally {
                    localWriter.unlock();
                }
            } catch (SQLException e) {
                if (attempt >= MAX_ATTEMPTS || !dialect.isRetryable(e)) {
                    throw new StoreException(name + ": " + what + ": " + describe(e), e);
                }
                pause(attempt);
            }
        }
    }

    private <T> T once(boolean write, Work<T> work) throws SQLException, StoreException {
        Connection c = pool.getConnection();
        boolean reusable = false;
        try {
            if (write) {
                dialect.beginWrite(c);
            } else {
                dialect.beginRead(c);
            }
            boolean committed = false;
            try {
                T result = work.run(c);
                dialect.commit(c);
                committed = true;
                reusable = true;
                return result;
            } finally {
                if (!committed) {
                    reusable = rollback(c);
                }
            }
        } finally {
            release(c, reusable);
        }
    }

    /** True if the rollback worked and the connection can be reused. */
    private boolean rollback(Connection c) {
        try {
            dialect.rollback(c);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void release(Connection c, boolean reusable) {
        if (!reusable) {
            pool.evictConnection(c);
        }
        try {
            c.close();
        } catch (SQLException e) {
            // Nothing to do: the pool discards a connection it cannot reset.
        }
    }

    private static void pause(int attempt) throws StoreException {
        try {
            Thread.sleep(10L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a transaction", e);
        }
    }

    /** The driver's message with its SQLState, never a Java class name unless nothing else. */
    static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e.getSQLState() == null ? message : message + " (SQLState " + e.getSQLState() + ")";
    }

    @Override
    public void close() {
        pool.close();
    }
}
