package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The device lifecycle over HTTPS on PostgreSQL: a schema of its own in the database bin/postgres-setup
 * names ({@code TRUSTLINE_PG_URL}, {@code TRUSTLINE_PG_USER}, {@code TRUSTLINE_PG_PASSWORD_FILE}; bin/test
 * sets them), dropped afterwards. Skipped, with that message, when they are not set.
 */
class PostgresDeviceLifecycleApiTest extends DeviceLifecycleApiContract {
    private String url;
    private String user;
    private String schema;

    @Override
    String database() throws Exception {
        url = System.getenv("TRUSTLINE_PG_URL");
        String file = System.getenv("TRUSTLINE_PG_PASSWORD_FILE");
        assumeTrue(url != null && !url.isBlank() && file != null,
                "TRUSTLINE_PG_URL/TRUSTLINE_PG_PASSWORD_FILE not set: skipping the PostgreSQL lifecycle API tests (bin/test sets them)");
        user = System.getenv().getOrDefault("TRUSTLINE_PG_USER", "trustline");
        schema = "tl_api_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url, user, password()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return "  postgres: {url: \"" + url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + "\", user: "
                + user + ", password: \"file:" + file + "\"}\n";
    }

    @Override
    void dropDatabase() throws Exception {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(url, user, password()); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static String password() throws Exception {
        return Files.readString(Path.of(System.getenv("TRUSTLINE_PG_PASSWORD_FILE"))).strip();
    }
}
