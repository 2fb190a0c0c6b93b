package dev.trustline.ceremony.contract;

import java.util.List;

/**
 * The provisioning contract: one page that firmware, manufacturing and cloud teams read alike, built
 * from a signed policy only. Sections of labelled rows; {@link ContractPage} renders it.
 */
public record Contract(String title, String subtitle, List<Section> sections) {

    public Contract {
        sections = List.copyOf(sections);
    }

    /** A titled group of rows, with an optional note under it. */
    public record Section(String title, List<Row> rows, String note) {
        public Section {
            rows = List.copyOf(rows);
        }
    }

    /** One fact: a label and its value (plain text; {@code code} values are shown as code). */
    public record Row(String label, String value, boolean code) {
        public static Row text(String label, String value) {
            return new Row(label, value, false);
        }

        public static Row code(String label, String value) {
            return new Row(label, value, true);
        }
    }
}
