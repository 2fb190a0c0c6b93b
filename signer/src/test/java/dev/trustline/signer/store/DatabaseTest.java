package dev.trustline.signer.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Opening a database through the pool: failures are one line naming the database. */
class DatabaseTest {

    @Test
    void openPostgres_nothingListening_failsWithOneLineNamingTheDatabase() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/trustline";
        StoreException e = assertThrows(StoreException.class,
                () -> Store.openPostgres(url + "?connectTimeout=5", "trustline", new char[0]));
        assertTrue(e.getMessage().startsWith("PostgreSQL " + url + ": cannot open: "),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void openPostgres_notAPostgresUrl_isRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Store.openPostgres("jdbc:sqlite:x.db", "u", new char[0]));
    }
}
