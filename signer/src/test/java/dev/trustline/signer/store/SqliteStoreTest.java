package dev.trustline.signer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The store contract on a real SQLite file, plus what is particular to SQLite. */
class SqliteStoreTest extends StoreContract {

    private Path file() {
        return dir.resolve("registry.db");
    }

    @Override
    Store openStore() throws StoreException {
        return Store.openSqlite(file());
    }

    @Override
    Store reopen() throws StoreException {
        return Store.openSqlite(file());
    }

    @Override
    Connection raw() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 30000");
        }
        return c;
    }

    @Test
    void openSqlite_usesWriteAheadLog() throws Exception {
        try (Connection c = raw(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
            r.next();
            assertEquals("wal", r.getString(1));
        }
    }

    @Test
    void openSqlite_notADatabase_failsWithTheFileName() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "this is not a SQLite database, just some text long enough");
        StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                () -> Store.openSqlite(junk));
        assertTrue(e.getMessage().startsWith("SQLite " + junk), e.getMessage());
    }

    @Test
    void commitChunk_twoStoresOnOneFile_issueExactlyTheQuota() throws Exception {
        try (Store second = Store.openSqlite(file())) {
            assertExactQuota(store, second);
        }
    }

    @Test
    void exportLedger_runbookRecheckScriptAccepts() throws Exception {
        Assumptions.assumeTrue(onPath("jq") && onPath("bash") && onPath("sha256sum"),
                "jq, bash or sha256sum not found on PATH: skipping the runbook recheck of the"
                        + " exported ledger (install jq with: apt-get install -y jq)");
        issueBatch("b1", "GW", 3);
        register("b2", 1);
        store.commitChunk("b2", java.util.List.of(),
                java.util.List.of(Fixtures.refusal(1, "GW-ß", "bad-pop", true)), UNLIMITED,
                NOW.plusMillis(5));
        Path ledger = dir.resolve("ledger.jsonl");
        LedgerHead head = store.exportLedger(ledger);
        Process p = new ProcessBuilder("bash", "-c", runbookScript(), "bash", ledger.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("OK: 6 entries, head " + head.hash() + "\n", out);
        assertEquals(0, p.exitValue());
    }

    private static String runbookScript() throws IOException {
        String root = System.getProperty("trustline.root");
        Path runbook = root == null ? null : Path.of(root, "runbooks", "transcript-format.md");
        Assumptions.assumeTrue(runbook != null && Files.exists(runbook),
                "runbooks/transcript-format.md not found (system property trustline.root)");
        String text = Files.readString(runbook, StandardCharsets.UTF_8);
        int begin = text.indexOf("```bash\n", text.indexOf("<!-- BEGIN recheck-transcript"));
        int end = text.indexOf("```\n<!-- END recheck-transcript -->", begin);
        assertTrue(begin >= 0 && end > begin, "recheck script markers missing from the runbook");
        return text.substring(begin + "```bash\n".length(), end);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
