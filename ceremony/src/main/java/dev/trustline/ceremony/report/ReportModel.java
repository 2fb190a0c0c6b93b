package dev.trustline.ceremony.report;

import java.util.List;

/**
 * What the printed transcript shows, in reading order; built from a verified chain by
 * {@link TranscriptReading}, drawn by {@link ReportHtml}. Every value is plain text.
 *
 * @param title the ceremony id
 * @param cover the cover page facts (ceremony, file hashes with PGP words, tool, date, place, people)
 * @param sections one per step (plus one for token activation), each a list of timed blocks
 * @param exceptions aborts, declined confirmations, failed lints, failed unlocks, mismatched outputs
 * @param closing how it ended, the chain head with PGP words, the auditor's check
 * @param signatories who signs by hand: each officer, the administrator, each witness
 */
public record ReportModel(String title, List<Row> cover, List<Section> sections, List<Block> exceptions,
                          List<Row> closing, List<Signatory> signatories) {

    public ReportModel {
        cover = List.copyOf(cover);
        sections = List.copyOf(sections);
        exceptions = List.copyOf(exceptions);
        closing = List.copyOf(closing);
        signatories = List.copyOf(signatories);
    }

    /** One labelled value; {@code mono} for hashes, serials and file names. */
    public record Row(String label, String value, boolean mono) {
        public static Row text(String label, String value) {
            return new Row(label, value, false);
        }

        public static Row mono(String label, String value) {
            return new Row(label, value, true);
        }
    }

    /** What one transcript entry (or a group of them) says, with the entry's sequence number and time. */
    public record Block(String heading, String seq, String time, List<Row> rows) {
        public Block {
            rows = List.copyOf(rows);
        }
    }

    /** A step (or the token activation): its heading and blocks in transcript order. */
    public record Section(String heading, List<Block> blocks) {
        public Section {
            blocks = List.copyOf(blocks);
        }
    }

    /** A sign-off block: name and role printed, signature and date left blank for the pen. */
    public record Signatory(String name, String role) {
    }
}
