package dev.trustline.signer.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.signer.ledger.LedgerRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The single tamperings of {@link LedgerTamperSweep}'s fixture (22 entries; checkpoints at seq 6
 * and 17; batch b1 lines 1-4 GW1-GW4 issued, line 5 refused; b2: GW5, GW1 re-issued, line 3
 * refused duplicate; b3: GW6, line 2 refused, lines 3-4 pending; b4 registered only; b5 and b6
 * the next day: GW7, GW8; then GW2 provisioned (seq 20) and GW3 revoked (seq 21)). SQL is
 * written in the subset SQLite and PostgreSQL share.
 */
final class TamperCases {

    /** One change to the database. */
    interface Change {
        void apply(Connection c) throws SQLException;
    }

    record Case(String name, Change change) {
        void apply(Connection c) throws SQLException {
            change.apply(c);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Case> ALL = build();

    private TamperCases() {
    }

    static List<Case> all() {
        return ALL;
    }

    private static List<Case> build() {
        List<Case> l = new ArrayList<>();
        ledger(l);
        head(l);
        batches(l);
        results(l);
        devices(l);
        history(l);
        quotas(l);
        lifecycle(l);
        return List.copyOf(l);
    }

    private static void ledger(List<Case> l) {
        l.add(text("ledger: a device id in a payload", "ledger", "payload", "seq = 3",
                p -> p.replace("\"GW3\"", "\"GX3\"")));
        l.add(text("ledger: payload made invalid JSON", "ledger", "payload", "seq = 2",
                p -> p.substring(0, p.length() - 1) + "]"));
        l.add(text("ledger: one hex digit of a hash", "ledger", "hash", "seq = 4", TamperCases::flip));
        l.add(text("ledger: a hash upper-cased", "ledger", "hash", "seq = 4",
                h -> h.toUpperCase(java.util.Locale.ROOT)));
        l.add(text("ledger: one hex digit of prev", "ledger", "prev", "seq = 9", TamperCases::flip));
        l.add(text("ledger: time of an entry", "ledger", "time", "seq = 8",
                t -> t.replace(".123Z", ".124Z")));
        l.add(text("ledger: type issued -> refused", "ledger", "type", "seq = 2", t -> "refused"));
        l.add(sql("ledger: a middle entry deleted", "DELETE FROM ledger WHERE seq = 10"));
        l.add(sql("ledger: the last entry deleted", "DELETE FROM ledger WHERE seq = 21"));
        l.add(new Case("ledger: tail cut back before the kept checkpoint, head rewound",
                c -> cutTo(c, 16)));
        l.add(new Case("ledger: tail cut back to the first checkpoint, head rewound",
                c -> cutTo(c, 6)));
        l.add(new Case("ledger: tail cut back before the kept checkpoint with its registry rows",
                TamperCases::cutWithRows));
        l.add(new Case("ledger: an entry duplicated at the end", TamperCases::duplicateAtEnd));
        l.add(new Case("ledger: two entries swapped", c -> {
            exec(c, "UPDATE ledger SET seq = 1000 WHERE seq = 2");
            exec(c, "UPDATE ledger SET seq = 2 WHERE seq = 3");
            exec(c, "UPDATE ledger SET seq = 3 WHERE seq = 1000");
        }));
        l.add(new Case("ledger: rechained: a checkpoint's signature", c -> rechain(c, 17,
                p -> changeAfter(p, "\"signature\":\"", 30))));
        l.add(new Case("ledger: rechained: a checkpoint's entry count", c -> rechain(c, 6,
                p -> p.replace("\"entries\":6", "\"entries\":5"))));
        l.add(new Case("ledger: rechained: an issued serial", c -> rechain(c, 16,
                p -> p.replaceFirst("\"serial\":\"(.)", "\"serial\":\"f$1"))));
        l.add(new Case("ledger: rechained: a certificate in an entry", c -> rechain(c, 8,
                p -> p.replaceFirst("\"certificate\":\"(....)", "\"certificate\":\"AAAA"))));
        l.add(new Case("ledger: rechained: a device id after the kept checkpoint",
                c -> rechain(c, 19, p -> p.replace("\"GW8\"", "\"GW9\""))));
        l.add(new Case("ledger: rechained: a refusal message", c -> rechain(c, 13,
                p -> p.replace("refused for the test", "refused for a test"))));
        l.add(new Case("ledger: rechained: a whole entry removed", TamperCases::removeAndRechain));
    }

    private static void head(List<Case> l) {
        l.add(sql("head: next_seq + 1", "UPDATE ledger_head SET next_seq = next_seq + 1"));
        l.add(text("head: one hex digit of the hash", "ledger_head", "hash", "id = 1",
                TamperCases::flip));
        l.add(text("head: hash upper-cased", "ledger_head", "hash", "id = 1",
                h -> h.toUpperCase(java.util.Locale.ROOT)));
        l.add(text("head: time", "ledger_head", "time", "id = 1", t -> t.replace(".123Z", ".999Z")));
        l.add(sql("head: row deleted", "DELETE FROM ledger_head"));
    }

    private static void batches(List<Case> l) {
        l.add(sql("batches: station", "UPDATE batches SET station = 'SZ-L9-S99' WHERE batch_id = 'b1'"));
        l.add(sql("batches: policy_id", "UPDATE batches SET policy_id = 'other' WHERE batch_id = 'b2'"));
        l.add(sql("batches: content_sha256 upper-cased",
                "UPDATE batches SET content_sha256 = upper(content_sha256) WHERE batch_id = 'b3'"));
        l.add(text("batches: content_sha256 one digit", "batches", "content_sha256",
                "batch_id = 'b4'", TamperCases::flip));
        l.add(sql("batches: line_count + 1", "UPDATE batches SET line_count = line_count + 1"
                + " WHERE batch_id = 'b3'"));
        l.add(text("batches: created_at", "batches", "created_at", "batch_id = 'b1'",
                t -> t.replace(".123Z", ".122Z")));
        l.add(sql("batches: a registered batch deleted", "DELETE FROM batches WHERE batch_id = 'b4'"));
        l.add(sql("batches: a row duplicated under a new id", "INSERT INTO batches (batch_id,"
                + " station, policy_id, content_sha256, line_count, created_at) SELECT 'b1-copy',"
                + " station, policy_id, content_sha256, line_count, created_at FROM batches"
                + " WHERE batch_id = 'b1'"));
        l.add(sql("batches: a batch renamed", "UPDATE batches SET batch_id = 'b4x' WHERE batch_id = 'b4'"));
    }

    private static void results(List<Case> l) {
        String r = "batch_results";
        l.add(sql("results: device_id", "UPDATE batch_results SET device_id = 'GW9' WHERE"
                + " batch_id = 'b1' AND line_no = 1"));
        l.add(sql("results: status issued -> refused", "UPDATE batch_results SET status ="
                + " 'refused' WHERE batch_id = 'b1' AND line_no = 2"));
        l.add(sql("results: error_code", "UPDATE batch_results SET error_code = 'bad-csr' WHERE"
                + " batch_id = 'b1' AND line_no = 5"));
        l.add(sql("results: message", "UPDATE batch_results SET message = message || '.' WHERE"
                + " batch_id = 'b2' AND line_no = 3"));
        l.add(sql("results: serial upper-cased", "UPDATE batch_results SET serial = upper(serial)"
                + " || 'A' WHERE batch_id = 'b1' AND line_no = 2"));
        l.add(sql("results: fingerprint upper-cased", "UPDATE batch_results SET"
                + " fingerprint_sha256 = upper(fingerprint_sha256) WHERE batch_id = 'b2' AND line_no = 1"));
        l.add(new Case("results: one bit of a certificate", c -> flipCertificate(c, r,
                "batch_id = 'b1' AND line_no = 3")));
        l.add(new Case("results: given another row's valid certificate", c -> copyRow(c, r,
                "serial, fingerprint_sha256, certificate", "batch_id = 'b1' AND line_no = 4",
                "batch_id = 'b1' AND line_no = 3")));
        l.add(sql("results: a row deleted", "DELETE FROM batch_results WHERE batch_id = 'b1' AND"
                + " line_no = 3"));
        l.add(sql("results: a row duplicated into a pending line", "INSERT INTO batch_results"
                + " (batch_id, line_no, device_id, status, error_code, message, serial,"
                + " fingerprint_sha256, certificate) SELECT batch_id, 3, device_id, status,"
                + " error_code, message, serial, fingerprint_sha256, certificate FROM"
                + " batch_results WHERE batch_id = 'b3' AND line_no = 1"));
        l.add(new Case("results: two lines swapped", c -> {
            exec(c, "UPDATE batch_results SET line_no = 99 WHERE batch_id = 'b1' AND line_no = 1");
            exec(c, "UPDATE batch_results SET line_no = 1 WHERE batch_id = 'b1' AND line_no = 2");
            exec(c, "UPDATE batch_results SET line_no = 2 WHERE batch_id = 'b1' AND line_no = 99");
        }));
        l.add(sql("results: a refused line's device id removed", "UPDATE batch_results SET"
                + " device_id = NULL WHERE batch_id = 'b1' AND line_no = 5"));
        l.add(new Case("results: a refused line given a certificate", c -> copyRow(c, r,
                "certificate", "batch_id = 'b1' AND line_no = 1", "batch_id = 'b1' AND line_no = 5")));
        l.add(sql("results: moved to another batch", "UPDATE batch_results SET batch_id = 'b4'"
                + " WHERE batch_id = 'b3' AND line_no = 1"));
    }

    private static void devices(List<Case> l) {
        String d = "devices";
        l.add(text("devices: serial one digit", d, "serial", "device_id = 'GW2'", TamperCases::flip));
        l.add(sql("devices: serial upper-cased", "UPDATE devices SET serial = upper(serial) || 'A'"
                + " WHERE device_id = 'GW3'"));
        l.add(sql("devices: fingerprint upper-cased", "UPDATE devices SET fingerprint_sha256 ="
                + " upper(fingerprint_sha256) WHERE device_id = 'GW4'"));
        l.add(text("devices: issuer fingerprint", d, "issuer_fingerprint_sha256",
                "device_id = 'GW2'", TamperCases::flip));
        l.add(sql("devices: policy_id", "UPDATE devices SET policy_id = 'gw-dev' WHERE device_id = 'GW2'"));
        l.add(sql("devices: policy_version", "UPDATE devices SET policy_version = policy_version + 1"
                + " WHERE device_id = 'GW2'"));
        l.add(sql("devices: sku", "UPDATE devices SET sku = 'GW-201' WHERE device_id = 'GW2'"));
        l.add(sql("devices: hw_rev", "UPDATE devices SET hw_rev = 'C' WHERE device_id = 'GW2'"));
        l.add(sql("devices: batch_id", "UPDATE devices SET batch_id = 'b2' WHERE device_id = 'GW3'"));
        l.add(sql("devices: line_no", "UPDATE devices SET line_no = 5 WHERE device_id = 'GW3'"));
        l.add(sql("devices: station", "UPDATE devices SET station = 'SZ-L1-S04' WHERE device_id = 'GW3'"));
        l.add(sql("devices: operator", "UPDATE devices SET operator = 'op-x' WHERE device_id = 'GW3'"));
        l.add(text("devices: issued_at", d, "issued_at", "device_id = 'GW3'",
                t -> t.replace("10:31", "10:32")));
        l.add(sql("devices: state issued -> revoked", "UPDATE devices SET state = 'revoked'"
                + " WHERE device_id = 'GW4'"));
        l.add(new Case("devices: one bit of a certificate", c -> flipCertificate(c, d,
                "device_id = 'GW5'")));
        l.add(new Case("devices: given another valid certificate", c -> copyRow(c,
                "device_certificates", d, "serial, fingerprint_sha256, certificate",
                "device_id = 'GW1'", "device_id = 'GW6'")));
        l.add(sql("devices: a row deleted", "DELETE FROM devices WHERE device_id = 'GW4'"));
        l.add(sql("devices: a row duplicated under a new id", "INSERT INTO devices (device_id,"
                + " serial, fingerprint_sha256, issuer_fingerprint_sha256, policy_id,"
                + " policy_version, sku, hw_rev, batch_id, line_no, station, operator,"
                + " issued_at, state, certificate) SELECT 'GW2-COPY', upper(serial) || 'A',"
                + " upper(fingerprint_sha256), issuer_fingerprint_sha256, policy_id,"
                + " policy_version, sku, hw_rev, batch_id, line_no, station, operator,"
                + " issued_at, state, certificate FROM devices WHERE device_id = 'GW2'"));
        l.add(sql("devices: a device renamed", "UPDATE devices SET device_id = 'GW5X' WHERE"
                + " device_id = 'GW5'"));
    }

    private static void history(List<Case> l) {
        String h = "device_certificates";
        l.add(text("history: superseded_at", h, "superseded_at", "device_id = 'GW1'",
                t -> t.replace(".123Z", ".100Z")));
        l.add(text("history: superseded_by", h, "superseded_by", "device_id = 'GW1'",
                TamperCases::flip));
        l.add(sql("history: revoked 1 -> 0", "UPDATE device_certificates SET revoked = 0"));
        l.add(sql("history: state", "UPDATE device_certificates SET state = 'returned'"));
        l.add(sql("history: serial upper-cased", "UPDATE device_certificates SET serial ="
                + " upper(serial) || 'A'"));
        l.add(new Case("history: one bit of a certificate", c -> flipCertificate(c, h,
                "device_id = 'GW1'")));
        l.add(sql("history: row deleted", "DELETE FROM device_certificates"));
        l.add(sql("history: a current certificate duplicated into history", "INSERT INTO"
                + " device_certificates (fingerprint_sha256, device_id, serial,"
                + " issuer_fingerprint_sha256, policy_id, policy_version, sku, hw_rev, batch_id,"
                + " line_no, station, operator, issued_at, state, superseded_at, superseded_by,"
                + " revoked, certificate) SELECT fingerprint_sha256, device_id, serial,"
                + " issuer_fingerprint_sha256, policy_id, policy_version, sku, hw_rev, batch_id,"
                + " line_no, station, operator, issued_at, state, issued_at, fingerprint_sha256,"
                + " 0, certificate FROM devices WHERE device_id = 'GW3'"));
        l.add(sql("history: moved to another device", "UPDATE device_certificates SET device_id"
                + " = 'GW2'"));
    }

    private static void quotas(List<Case> l) {
        l.add(sql("quota: total - 1", "UPDATE quota_usage SET certificates = certificates - 1"
                + " WHERE period = 'total'"));
        l.add(sql("quota: a day + 1", "UPDATE quota_usage SET certificates = certificates + 1"
                + " WHERE period = '2026-11-25'"));
        l.add(sql("quota: a day's row deleted", "DELETE FROM quota_usage WHERE period = '2026-11-26'"));
        l.add(sql("quota: a row for another day added", "INSERT INTO quota_usage (policy_id,"
                + " period, certificates) VALUES ('gw-prod', '2026-11-27', 1)"));
        l.add(sql("quota: a day's row moved to another day", "UPDATE quota_usage SET period ="
                + " '2026-11-24' WHERE period = '2026-11-26'"));
        l.add(sql("quota: policy_id upper-cased", "UPDATE quota_usage SET policy_id ="
                + " upper(policy_id) WHERE period = 'total'"));
        l.add(new Case("quota: two days' counts swapped", c -> {
            exec(c, "UPDATE quota_usage SET period = 'x' WHERE period = '2026-11-25'");
            exec(c, "UPDATE quota_usage SET period = '2026-11-25' WHERE period = '2026-11-26'");
            exec(c, "UPDATE quota_usage SET period = '2026-11-26' WHERE period = 'x'");
        }));
    }

    private static void lifecycle(List<Case> l) {
        l.add(sql("lifecycle: a device's state", "UPDATE device_states SET state = 'activated'"
                + " WHERE device_id = 'GW2'"));
        l.add(text("lifecycle: a state's time", "device_states", "changed_at",
                "device_id = 'GW2'", t -> t.replace(".123Z", ".321Z")));
        l.add(sql("lifecycle: a state row deleted", "DELETE FROM device_states WHERE device_id = 'GW3'"));
        l.add(sql("lifecycle: a transition's reason", "UPDATE device_transitions SET reason ="
                + " 'none' WHERE device_id = 'GW2'"));
        l.add(sql("lifecycle: a transition's actor", "UPDATE device_transitions SET actor ="
                + " 'backend-2' WHERE device_id = 'GW3'"));
        l.add(sql("lifecycle: a transition deleted", "DELETE FROM device_transitions WHERE"
                + " device_id = 'GW2'"));
        l.add(sql("lifecycle: a revocation's reason code", "UPDATE revocations SET reason = 4"));
        l.add(sql("lifecycle: a revocation deleted (a revoked certificate unlisted)",
                "DELETE FROM revocations"));
        l.add(sql("lifecycle: a revocation's serial upper-cased", "UPDATE revocations SET serial ="
                + " upper(serial) || 'A'"));
    }

    // ------------------------------------------------------------------ helpers

    static Case sql(String name, String statement) {
        return new Case(name, c -> exec(c, statement));
    }

    /** Rewrites one text column of the rows {@code where} selects. */
    static Case text(String name, String table, String column, String where,
            UnaryOperator<String> change) {
        return new Case(name, c -> {
            String value;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT " + column + " FROM " + table + " WHERE " + where)) {
                assertTrue(r.next(), name + ": no row");
                value = r.getString(1);
            }
            try (PreparedStatement u = c.prepareStatement(
                    "UPDATE " + table + " SET " + column + " = ? WHERE " + where)) {
                u.setString(1, change.apply(value));
                assertTrue(u.executeUpdate() >= 1, name + ": nothing changed");
            }
        });
    }

    static void exec(Connection c, String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
            assertTrue(s.getUpdateCount() >= 1, "changed nothing: " + statement);
        }
    }

    static String flip(String s) {
        char ch = s.charAt(10);
        char d = Character.isDigit(ch) ? (char) ('0' + (ch - '0' + 1) % 10) : ch == 'f' ? 'e'
                : (char) (ch + 1);
        return s.substring(0, 10) + d + s.substring(11);
    }

    /** {@code s} with the base64 character {@code offset} after {@code marker} changed. */
    static String changeAfter(String s, String marker, int offset) {
        int i = s.indexOf(marker) + marker.length() + offset;
        char ch = s.charAt(i);
        return s.substring(0, i) + (ch == 'A' ? 'B' : 'A') + s.substring(i + 1);
    }

    private static void flipCertificate(Connection c, String table, String where)
            throws SQLException {
        byte[] der = bytes(c, "SELECT certificate FROM " + table + " WHERE " + where);
        der[der.length / 2] ^= 0x01;
        try (PreparedStatement u = c.prepareStatement(
                "UPDATE " + table + " SET certificate = ? WHERE " + where)) {
            u.setBytes(1, der);
            assertTrue(u.executeUpdate() == 1);
        }
    }

    /** Copies {@code columns} (text, text, bytes) of one row onto another. */
    private static void copyRow(Connection c, String table, String columns, String from,
            String to) throws SQLException {
        copyRow(c, table, table, columns, from, to);
    }

    private static void copyRow(Connection c, String fromTable, String table, String columns,
            String from, String to) throws SQLException {
        String[] names = columns.split(",\\s*");
        Object[] values = new Object[names.length];
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT " + columns + " FROM " + fromTable + " WHERE " + from)) {
            assertTrue(r.next());
            for (int i = 0; i < names.length; i++) {
                values[i] = names[i].equals("certificate") ? r.getBytes(i + 1) : r.getString(i + 1);
            }
        }
        StringBuilder set = new StringBuilder();
        for (String n : names) {
            set.append(set.length() == 0 ? "" : ", ").append(n).append(" = ?");
        }
        try (PreparedStatement u = c.prepareStatement(
                "UPDATE " + table + " SET " + set + " WHERE " + to)) {
            for (int i = 0; i < names.length; i++) {
                if (values[i] instanceof byte[] b) {
                    u.setBytes(i + 1, b);
                } else {
                    u.setString(i + 1, (String) values[i]);
                }
            }
            assertTrue(u.executeUpdate() == 1);
        }
    }

    private static byte[] bytes(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            assertTrue(r.next());
            return r.getBytes(1);
        }
    }

    private static List<LedgerRow> rows(Connection c) throws SQLException {
        List<LedgerRow> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT seq, time, type, payload, prev, hash FROM ledger ORDER BY seq")) {
            while (r.next()) {
                rows.add(new LedgerRow(r.getLong(1), r.getString(2), r.getString(3),
                        r.getString(4), r.getString(5), r.getString(6)));
            }
        }
        return rows;
    }

    /** Deletes every entry after {@code last} and points the head at it, consistently. */
    private static void cutTo(Connection c, long last) throws SQLException {
        LedgerRow row = rows(c).get((int) last);
        exec(c, "DELETE FROM ledger WHERE seq > " + last);
        try (PreparedStatement u = c.prepareStatement(
                "UPDATE ledger_head SET next_seq = ?, hash = ?, time = ?")) {
            u.setLong(1, last + 1);
            u.setString(2, row.hash());
            u.setString(3, row.time());
            u.executeUpdate();
        }
    }

    /**
     * The rewrite only a kept checkpoint can catch: the last day's entries (seq 15-21: b5, GW7,
     * the checkpoint, b6, GW8, the lifecycle entries) cut off with every row and count they made.
     */
    static void cutWithRows(Connection c) throws SQLException {
        cutTo(c, 14);
        exec(c, "DELETE FROM devices WHERE device_id IN ('GW7', 'GW8')");
        exec(c, "DELETE FROM batch_results WHERE batch_id IN ('b5', 'b6')");
        exec(c, "DELETE FROM batches WHERE batch_id IN ('b5', 'b6')");
        exec(c, "DELETE FROM quota_usage WHERE period = '2026-11-26'");
        exec(c, "UPDATE quota_usage SET certificates = certificates - 2 WHERE period = 'total'");
        exec(c, "DELETE FROM revocations");
        exec(c, "DELETE FROM device_transitions");
        exec(c, "DELETE FROM device_states");
    }

    private static void duplicateAtEnd(Connection c) throws SQLException {
        List<LedgerRow> rows = rows(c);
        LedgerRow copy = rows.get(3);
        long seq = rows.size();
        String hash = new LedgerRow(seq, copy.time(), copy.type(), copy.payload(), copy.prev(), "")
                .computeHash();
        write(c, List.of(new LedgerRow(seq, rows.get(rows.size() - 1).time(), copy.type(),
                copy.payload(), copy.prev(), hash)), true);
    }

    /**
     * The strongest rewrite without the key: change entry {@code seq}'s payload, recompute the
     * hash of it and of every later entry, and move the head, so the chain is consistent.
     */
    private static void rechain(Connection c, long seq, UnaryOperator<String> change)
            throws SQLException {
        List<LedgerRow> rows = rows(c);
        LedgerRow old = rows.get((int) seq);
        String payload = change.apply(old.payload());
        assertTrue(!payload.equals(old.payload()), "the change changed nothing");
        rows.set((int) seq, new LedgerRow(seq, old.time(), old.type(), payload, old.prev(), ""));
        exec(c, "DELETE FROM ledger WHERE seq >= " + seq);
        write(c, relink(rows, seq), false);
    }

    private static void removeAndRechain(Connection c) throws SQLException {
        List<LedgerRow> rows = rows(c);
        rows.remove(18);
        for (int i = 18; i < rows.size(); i++) {
            LedgerRow r = rows.get(i);
            rows.set(i, new LedgerRow(i, r.time(), r.type(), r.payload(), r.prev(), ""));
        }
        exec(c, "DELETE FROM ledger WHERE seq >= 18");
        write(c, relink(rows, 18), false);
    }

    private static List<LedgerRow> relink(List<LedgerRow> rows, long from) {
        List<LedgerRow> out = new ArrayList<>();
        String prev = rows.get((int) from).prev();
        for (int i = (int) from; i < rows.size(); i++) {
            LedgerRow r = rows.get(i);
            String hash = new LedgerRow(i, r.time(), r.type(), r.payload(), prev, "").computeHash();
            LedgerRow fixed = new LedgerRow(i, r.time(), r.type(), r.payload(), prev, hash);
            out.add(fixed);
            prev = hash;
        }
        return out;
    }

    /** Inserts rows and points the head at the last (unless {@code keepHead}). */
    private static void write(Connection c, List<LedgerRow> rows, boolean keepHead)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger (seq, time, type,"
                + " payload, prev, hash) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (LedgerRow r : rows) {
                s.setLong(1, r.seq());
                s.setString(2, r.time());
                s.setString(3, r.type());
                s.setString(4, r.payload());
                s.setString(5, r.prev());
                s.setString(6, r.hash());
                s.executeUpdate();
            }
        }
        if (!keepHead && !rows.isEmpty()) {
            LedgerRow last = rows.get(rows.size() - 1);
            try (PreparedStatement u = c.prepareStatement(
                    "UPDATE ledger_head SET next_seq = ?, hash = ?, time = ?")) {
                u.setLong(1, last.seq() + 1);
                u.setString(2, last.hash());
                u.setString(3, last.time());
                u.executeUpdate();
            }
        }
    }
}
