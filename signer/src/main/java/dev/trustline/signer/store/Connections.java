package dev.trustline.signer.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** A small pool: connections are opened on demand and up to {@code idle} are kept for reuse. */
final class Connections implements AutoCloseable {

    interface Factory {
        Connection open() throws SQLException;
    }

    private final Factory factory;
    private final BlockingQueue<Connection> idle;
    private volatile boolean closed;

    Connections(Factory factory, int idle) {
        this.factory = factory;
        this.idle = new ArrayBlockingQueue<>(idle);
    }

    Connection borrow() throws SQLException {
        if (closed) {
            throw new SQLException("store is closed");
        }
        Connection c = idle.poll();
        return c != null ? c : factory.open();
    }

    /** Returns {@code c} for reuse, or closes it if it may be broken or the pool is full. */
    void release(Connection c, boolean reusable) {
        if (reusable && !closed && idle.offer(c)) {
            if (closed) {
                drain();
            }
            return;
        }
        closeQuietly(c);
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        Connection c;
        while ((c = idle.poll()) != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Nothing to do: the connection is discarded either way.
        }
    }
}
