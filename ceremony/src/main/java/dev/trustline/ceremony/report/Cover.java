package dev.trustline.ceremony.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.report.ReportModel.Row;
import dev.trustline.core.chain.ChainEntry;
import dev.trustline.core.chain.PgpWords;
import dev.trustline.core.chain.VerifiedChain;
import java.util.ArrayList;
import java.util.List;

/** The cover page: which ceremony, which exact files (hashes and PGP words), which tool, when, where, who. */
final class Cover {
    static final String BLANK = "________________________________";

    private Cover() {
    }

    static List<Row> rows(ChainEntry start, VerifiedChain chain, String transcriptSha256) {
        List<Row> rows = new ArrayList<>();
        if (start == null || !start.type().equals("start")) {
            rows.add(Row.text("warning", "the transcript does not begin with a start entry"));
            start = chain.entries().get(0);
        }
        ObjectNode p = start.payload();
        rows.add(Row.text("ceremony", p.path("ceremony").asText()));
        rows.add(Row.text("mode", mode(p)));
        rows.add(Row.text("environment", p.path("environment").asText()));
        rows.add(Row.mono("ceremony file", p.path("ceremony-file").asText()));
        rows.add(Row.mono("ceremony file SHA-256", p.path("ceremony-sha256").asText()));
        rows.add(Row.mono("in PGP words", words(p.path("ceremony-sha256").asText())));
        if (p.has("hsm-file-sha256")) {
            rows.add(Row.mono("HSM file SHA-256", p.path("hsm-file-sha256").asText()));
        }
        rows.add(Row.mono("transcript file SHA-256", transcriptSha256));
        rows.add(Row.mono("in PGP words", PgpWords.ofHex(transcriptSha256)));
        rows.add(Row.text("tool build", p.path("tool").asText()));
        rows.add(Row.text("date", Times.date(start.time()) + " (started " + Times.print(start.time()) + ")"));
        rows.add(Row.text("location", p.hasNonNull("location") ? p.path("location").asText() : BLANK + " (write by hand)"));
        rows.add(Row.text("administrator", p.path("administrator").asText("(not recorded)")));
        rows.add(Row.text("operator at the keyboard", p.path("operator").asText()));
        rows.add(Row.text("witnesses", EntryBlocks.join(p.path("witnesses"))));
        rows.add(Row.text("confirmations", p.path("confirmations").asText()));
        return rows;
    }

    private static String mode(ObjectNode p) {
        String mode = p.path("mode").asText();
        return mode.equals("rehearsal") ? "REHEARSAL on throwaway tokens (no key made here is ever used)" : mode;
    }

    private static String words(String hex) {
        return hex.matches("[0-9a-f]{64}") ? PgpWords.ofHex(hex) : "";
    }
}
