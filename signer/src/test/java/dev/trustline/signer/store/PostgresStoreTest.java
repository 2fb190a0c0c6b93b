package dev.trustline.signer.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL. Runs only when {@code TRUSTLINE_PG_URL} is set (e.g.
 * {@code jdbc:postgresql://localhost:5432/trustline_test}), with {@code TRUSTLINE_PG_USER} and
 * {@code TRUSTLINE_PG_PASSWORD_FILE} (bin/postgres-setup prints all three); the user needs CREATE on the database. Each test works in a
 * new schema of its own, dropped afterwards.
 */
class PostgresStoreTest extends StoreContract {

    private static String url;
    private static String user;
    private static String password;
    private String schema;

    /** Skips the test (each one, so the count shows in the report) without TRUSTLINE_PG_URL. */
    private static void environment() {
        url = System.getenv("TRUSTLINE_PG_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "TRUSTLINE_PG_URL is not set: skipping the PostgreSQL store tests (set it to e.g."
                        + " jdbc:postgresql://localhost:5432/trustline_test, with"
                        + " TRUSTLINE_PG_USER and TRUSTLINE_PG_PASSWORD_FILE; bin/test does)");
        user = System.getenv().getOrDefault("TRUSTLINE_PG_USER", "trustline");
        password = passwordFromFile(System.getenv("TRUSTLINE_PG_PASSWORD_FILE"));
    }

    /** The test database's password from the file bin/postgres-setup wrote (never an env var value). */
    private static String passwordFromFile(String file) {
        try {
            return file == null ? "" : java.nio.file.Files.readString(java.nio.file.Path.of(file)).strip();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read TRUSTLINE_PG_PASSWORD_FILE " + file, e);
        }
    }

    @Override
    Store openStore() throws Exception {
        environment();
        schema = "tl_test_" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return reopen();
    }

    @Override
    Store reopen() throws StoreException {
        return Store.openPostgres(schemaUrl(), user, password.toCharArray());
    }

    @Override
    Connection raw() throws SQLException {
        return DriverManager.getConnection(schemaUrl(), user, password);
    }

    private String schemaUrl() {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            if (store != null) {
                store.close();
                store = null;
            }
            try (Connection c = DriverManager.getConnection(url, user, password);
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void commitChunk_twoStoresOnOneDatabase_issueExactlyTheQuota() throws Exception {
        try (Store second = reopen()) {
            assertExactQuota(store, second);
        }
    }
}
