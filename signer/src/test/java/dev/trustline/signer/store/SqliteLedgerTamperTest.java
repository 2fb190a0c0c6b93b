package dev.trustline.signer.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The tamper sweep on a real SQLite file. */
class SqliteLedgerTamperTest extends LedgerTamperSweep {

    private Path file;

    @Override
    Store openStore() throws Exception {
        file = Files.createTempDirectory("tamper").resolve("registry.db");
        return Store.openSqlite(file);
    }

    @Override
    Connection raw() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }
}
