package dev.trustline.signer.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;

/**
 * The tamper sweep on PostgreSQL, in a schema of its own (dropped afterwards). Runs when
 * {@code TRUSTLINE_PG_URL} is set (bin/test sets it), like {@link PostgresStoreTest}.
 */
class PostgresLedgerTamperTest extends LedgerTamperSweep {

    private String url;
    private String user;
    private String password;
    private String schema;

    @Override
    Store openStore() throws Exception {
        url = System.getenv("TRUSTLINE_PG_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "TRUSTLINE_PG_URL is not set: skipping the PostgreSQL tamper sweep");
        user = System.getenv().getOrDefault("TRUSTLINE_PG_USER", "trustline");
        String file = System.getenv("TRUSTLINE_PG_PASSWORD_FILE");
        password = file == null ? "" : java.nio.file.Files.readString(java.nio.file.Path.of(file))
                .strip();
        schema = "tl_tamper_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return Store.openPostgres(schemaUrl(), user, password.toCharArray());
    }

    @Override
    Connection raw() throws SQLException {
        return DriverManager.getConnection(schemaUrl(), user, password);
    }

    private String schemaUrl() {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @AfterAll
    void dropSchema() throws SQLException {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(url, user, password);
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
