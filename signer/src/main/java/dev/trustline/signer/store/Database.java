package dev.trustline.signer.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens a database as a bounded HikariCP pool and brings its schema up to date. PostgreSQL: at
 * most {@value #POSTGRES_POOL} connections, at least one kept open, each validated
 * ({@code Connection.isValid}) before it is handed out after sitting idle, a caller waiting at
 * most 30 s for one. SQLite: the same pool over the file, every connection with a 30 s busy
 * timeout, foreign keys on and {@code synchronous=FULL}; the file must accept WAL.
 */
final class Database {

    static final int POSTGRES_POOL = 8;
    static final int SQLITE_POOL = 8;
    private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;

    private Database() {
    }

    static Transactions openSqlite(Path file) throws StoreException {
        Objects.requireNonNull(file, "file");
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        sqlite.enforceForeignKeys(true);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // 16 MiB of page cache per connection instead of SQLite's 2 MiB: the registry's indexes on random keys (key
        // hashes, serials, fingerprints) are touched at random pages, and with a million devices the default cache
        // made each commit read pages back from the file (bin/bench --registry 1000000). At most 8 connections.
        sqlite.setCacheSize(-16 * 1024);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig config = common("trustline-sqlite", SQLITE_POOL);
        config.setDataSource(source);
        Transactions tx = open(config, Dialect.SQLITE, "SQLite " + file);
        return init(tx, true);
    }

    static Transactions openPostgres(String jdbcUrl, String user, char[] password)
            throws StoreException {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql:...)");
        }
        HikariConfig config = common("trustline-postgres", POSTGRES_POOL);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(Objects.requireNonNull(user, "user"));
        config.setPassword(new String(Objects.requireNonNull(password, "password")));
        String shown = jdbcUrl.contains("?") ? jdbcUrl.substring(0, jdbcUrl.indexOf('?'))
                : jdbcUrl;
        Transactions tx = open(config, Dialect.POSTGRES, "PostgreSQL " + shown);
        return init(tx, false);
    }

    private static HikariConfig common(String poolName, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        config.setValidationTimeout(5_000);
        config.setAutoCommit(true);
        return config;
    }

    private static Transactions open(HikariConfig config, Dialect dialect, String name)
            throws StoreException {
        try {
            return new Transactions(new HikariDataSource(config), dialect, name);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String why = cause instanceof SQLException sql ? Transactions.describe(sql)
                    : String.valueOf(cause.getMessage());
            throw new StoreException(name + ": cannot open: " + why, e);
        }
    }

    private static Transactions init(Transactions tx, boolean sqlite) throws StoreException {
        boolean ok = false;
        try {
            if (sqlite) {
                tx.read("enable WAL", c -> checkWal(c, tx.name()));
            }
            migrate(tx);
            ok = true;
            return tx;
        } finally {
            if (!ok) {
                tx.close();
            }
        }
    }

    /** The pool's connections ask for WAL when they open; this checks the file accepted it. */
    private static Void checkWal(Connection c, String name) throws SQLException, StoreException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
            String mode = r.next() ? r.getString(1) : "unknown";
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new StoreException(name + ": cannot enable WAL (journal mode is " + mode
                        + ")");
            }
        }
        return null;
    }

    /**
     * Applies every missing migration in one write transaction (all or none), after taking the
     * dialect's migration lock, and refuses a database newer than this code.
     */
    private static void migrate(Transactions tx) throws StoreException {
        tx.write("migrate schema", c -> {
            tx.dialect().lockForMigration(c);
            Schema.createVersionTable(c);
            int version = Schema.version(c);
            if (version > Schema.CURRENT) {
                throw new StoreException(tx.name() + ": database schema version " + version
                        + " is newer than this TrustLine knows (" + Schema.CURRENT
                        + "); use a newer TrustLine signer with this database");
            }
            for (Schema.Migration m : Schema.MIGRATIONS) {
                if (m.version() > version) {
                    Schema.apply(c, tx.dialect(), m,
                            Instant.now().truncatedTo(ChronoUnit.MILLIS));
                }
            }
            return null;
        });
    }
}
