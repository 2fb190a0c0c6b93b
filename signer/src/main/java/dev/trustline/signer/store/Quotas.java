package dev.trustline.signer.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * What the store keeps about quotas: {@code quota_usage} counts the certificates issued per
 * policy, per UTC day and in total ({@value #TOTAL}). A {@link Usage} is read once under a
 * commit's lock, takes certificates one by one, and stores what it took.
 */
final class Quotas {

    static final String TOTAL = "total";

    private Quotas() {
    }

    /** The policy's usage for {@code day} and in total, as stored. */
    static Usage read(Connection c, QuotaLimits limits, String day) throws SQLException {
        long total = 0;
        long today = 0;
        try (PreparedStatement s = c.prepareStatement("SELECT period, certificates FROM"
                + " quota_usage WHERE policy_id = ? AND period IN (?, ?)")) {
            s.setString(1, limits.policyId());
            s.setString(2, TOTAL);
            s.setString(3, day);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (TOTAL.equals(r.getString(1))) {
                        total = r.getLong(2);
                    } else {
                        today = r.getLong(2);
                    }
                }
            }
        }
        return new Usage(limits, day, total, today);
    }

    /** A policy's remaining room, counted up as certificates are taken. */
    static final class Usage {
        private final QuotaLimits limits;
        private final String day;
        private long usedTotal;
        private long usedDay;

        private Usage(QuotaLimits limits, String day, long usedTotal, long usedDay) {
            this.limits = limits;
            this.day = day;
            this.usedTotal = usedTotal;
            this.usedDay = usedDay;
        }

        /** How many more certificates both quotas allow. */
        long remaining() {
            return Math.max(0, Math.min(limits.total() - usedTotal, limits.perDay() - usedDay));
        }

        /** Null if one more certificate fits (and counts it), else why not. */
        String take() {
            if (usedTotal >= limits.total()) {
                return "policy " + limits.policyId() + " has used its total quota of "
                        + limits.total() + " certificates";
            }
            if (usedDay >= limits.perDay()) {
                return "policy " + limits.policyId() + " has used its daily quota of "
                        + limits.perDay() + " certificates for " + day + " (UTC)";
            }
            usedTotal++;
            usedDay++;
            return null;
        }

        /** Adds {@code issued} to the stored day and total counters. */
        void store(Connection c, int issued) throws SQLException {
            if (issued == 0) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO quota_usage (policy_id,"
                    + " period, certificates) VALUES (?, ?, ?) ON CONFLICT (policy_id, period)"
                    + " DO UPDATE SET certificates = quota_usage.certificates"
                    + " + excluded.certificates")) {
                for (String period : List.of(TOTAL, day)) {
                    s.setString(1, limits.policyId());
                    s.setString(2, period);
                    s.setLong(3, issued);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }
}
