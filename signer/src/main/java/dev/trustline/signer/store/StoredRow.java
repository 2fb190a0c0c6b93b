package dev.trustline.signer.store;

import dev.trustline.core.chain.CanonicalJson;
import dev.trustline.signer.ledger.LedgerProblem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

/** One stored row being compared; problems name it, the column and the entry. */
record StoredRow(String name, long seq, ResultSet r) {

    static <K, V> void missing(Map<K, V> left, String table,
            java.util.function.ToLongFunction<V> seq, java.util.function.Function<V, String> name)
            throws LedgerProblem {
        var first = left.values().stream().min(Comparator.comparingLong(seq));
        if (first.isPresent()) {
            long at = seq.applyAsLong(first.get());
            throw new LedgerProblem(at, "ledger entry " + at + " implies a " + table + " row ("
                    + name.apply(first.get()) + ") that is not stored");
        }
    }

    void exists(boolean expected) throws LedgerProblem {
        if (!expected) {
            throw new LedgerProblem(-1, name + " has no ledger entry");
        }
    }

    void same(int column, String label, String expected) throws SQLException, LedgerProblem {
        String stored = r.getString(column);
        if (!Objects.equals(stored, expected)) {
            throw new LedgerProblem(seq, name + ": " + label + " is " + quote(stored)
                    + ", but " + source() + quote(expected));
        }
    }

    void certificate(int column, String fingerprint) throws SQLException, LedgerProblem {
        byte[] der = r.getBytes(column);
        String actual = der == null ? null : CanonicalJson.sha256Hex(der);
        if (!Objects.equals(actual, fingerprint)) {
            throw new LedgerProblem(seq, name + ": the stored certificate "
                    + (der == null ? "is missing" : "has sha256 " + actual)
                    + ", but " + source() + quote(fingerprint));
        }
    }

    private String source() {
        return seq >= 0 ? "ledger entry " + seq + " says " : "the ledger implies ";
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
