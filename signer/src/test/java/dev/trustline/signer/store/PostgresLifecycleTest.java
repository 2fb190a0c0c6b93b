package dev.trustline.signer.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;

/** The lifecycle contract on PostgreSQL (like {@link PostgresStoreTest}: a schema per test, TRUSTLINE_PG_URL). */
class PostgresLifecycleTest extends LifecycleContract {
    private String url;
    private String user;
    private String password;
    private String schema;

    @Override
    Store openStore() throws Exception {
        url = System.getenv("TRUSTLINE_PG_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "TRUSTLINE_PG_URL is not set: skipping (bin/test sets it)");
        user = System.getenv().getOrDefault("TRUSTLINE_PG_USER", "trustline");
        String file = System.getenv("TRUSTLINE_PG_PASSWORD_FILE");
        password = file == null ? "" : java.nio.file.Files.readString(java.nio.file.Path.of(file)).strip();
        schema = "tl_life_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return Store.openPostgres(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user,
                password.toCharArray());
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            close();
            store = null;
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
