package dev.trustline.ceremony.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.report.ReportModel.Block;
import dev.trustline.ceremony.report.ReportModel.Row;
import dev.trustline.core.chain.CanonicalJson;
import dev.trustline.core.chain.ChainEntry;
import dev.trustline.core.chain.PgpWords;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Turns one transcript entry into a printed block: plain labels, hashes with their PGP words. */
final class EntryBlocks {
    private final Officers officers;

    EntryBlocks(Officers officers) {
        this.officers = officers;
    }

    Block of(ChainEntry e, List<Row> extra) {
        ObjectNode p = e.payload();
        List<Row> rows = switch (e.type()) {
            case "token" -> token(p);
            case "roster" -> roster(p);
            case "key-generated" -> keyGenerated(p);
            case "lints" -> lints(p);
            case "confirmation" -> List.of(Row.text("answer", p.path("accepted").asBoolean() ? "accepted" : "DECLINED"),
                    Row.text("how", p.path("mode").asText()), Row.mono("TBS SHA-256", p.path("tbs-sha256").asText()));
            case "approvals" -> approvals(p);
            case "signed" -> List.of(Row.text("signing token", p.path("token").asText()),
                    Row.mono("TBS SHA-256", p.path("tbs-sha256").asText()),
                    Row.text("signature verified", yesNo(p.path("signature-verified"))),
                    Row.text("signed bytes are the linted bytes", yesNo(p.path("tbs-matches-linted"))));
            default -> generic(p);
        };
        List<Row> all = new ArrayList<>(rows);
        all.addAll(extra);
        return new Block(heading(e), Long.toString(e.seq()), Times.print(e.time()), all);
    }

    static String heading(ChainEntry e) {
        return Map.ofEntries(Map.entry("token", "Token opened"), Map.entry("roster", "Officer roster"),
                Map.entry("unlock", "Officer card opened"), Map.entry("unlock-failed", "Officer card NOT opened"),
                Map.entry("activation", "Token activated by quorum"), Map.entry("step-start", "Step started"),
                Map.entry("key-generated", "Key generated in the HSM"), Map.entry("lints", "Lints"),
                Map.entry("confirmation", "Operator's confirmation"), Map.entry("approvals", "Officers' approvals"),
                Map.entry("signed", "HSM signature"), Map.entry("output", "Output written"),
                Map.entry("abort", "CEREMONY ABORTED"), Map.entry("end", "Ceremony complete"),
                Map.entry("existing-key", "Key from an earlier ceremony"), Map.entry("key-destroyed", "KEY DESTROYED in the HSM"))
                .getOrDefault(e.type(), e.type());
    }

    /** A hash and, under it, its PGP words (to read aloud and compare with the screen). */
    static Row hashRow(String label, String hex) {
        String words = hex.matches("[0-9a-f]{2,}") && hex.length() % 2 == 0 ? "\n" + PgpWords.ofHex(hex) : "";
        return Row.mono(label, hex + words);
    }

    private List<Row> token(ObjectNode p) {
        return List.of(Row.text("name in the ceremony", p.path("name").asText()),
                Row.text("token label", p.path("label").asText()), Row.mono("serial", p.path("serial").asText()),
                Row.text("device", p.path("manufacturer").asText() + " " + p.path("model").asText()
                        + ", firmware " + p.path("firmware").asText()),
                Row.text("throwaway (rehearsal) token", yesNo(p.path("throwaway"))));
    }

    private List<Row> roster(ObjectNode p) {
        List<Row> rows = new ArrayList<>(List.of(Row.text("token", p.path("token").asText()),
                Row.text("quorum", p.path("threshold").asText() + " of " + p.path("officers").size() + " officers"),
                Row.mono("roster id", p.path("roster-id").asText()),
                hashRow("officers.json SHA-256", p.path("roster-sha256").asText())));
        for (JsonNode o : p.path("officers")) {
            rows.add(Row.text("officer " + o.path("share-index").asText(), o.path("name").asText() + " (" + o.path("id").asText() + ")"));
        }
        return rows;
    }

    private List<Row> keyGenerated(ObjectNode p) {
        List<Row> rows = new ArrayList<>(List.of(Row.text("token", p.path("token").asText() + " (" + p.path("token-label").asText()
                        + ", serial " + p.path("token-serial").asText() + ")"),
                Row.text("key label", p.path("key-label").asText()), Row.text("algorithm", p.path("algorithm").asText()),
                hashRow("public key SHA-256", p.path("public-key-sha256").asText())));
        List<String> flags = new ArrayList<>();
        for (String f : List.of("local", "always-sensitive", "never-extractable", "sensitive", "extractable", "token-object", "private")) {
            flags.add(f + "=" + p.path(f).asText());
        }
        rows.add(Row.text("read back from the token", String.join(", ", flags)));
        return rows;
    }

    private List<Row> lints(ObjectNode p) {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.text("result", p.path("result").asText().toUpperCase(java.util.Locale.ROOT)
                + (p.has("stage") ? " (" + p.path("stage").asText() + ")" : "")));
        rows.add(hashRow("TBS SHA-256", p.path("tbs-sha256").asText()));
        rows.add(Row.text("passed", join(p.path("passed"))));
        if (p.path("failures").size() > 0) {
            rows.add(Row.text("failures", join(p.path("failures"))));
        }
        return rows;
    }

    private List<Row> approvals(ObjectNode p) {
        String token = p.path("token").asText();
        List<Row> rows = new ArrayList<>(List.of(Row.text("token (roster)", token + " (" + p.path("roster-id").asText() + ")"),
                hashRow("approval digest", p.path("digest").asText())));
        for (JsonNode a : p.path("approvals")) {
            String id = a.path("officer").asText();
            rows.add(Row.text("approved by", officers.name(token, id) + " (" + id + "), Ed25519 signature recorded"));
        }
        return rows;
    }

    static List<Row> generic(ObjectNode p) {
        List<Row> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (v.isTextual() && v.asText().matches("[0-9a-f]{64}")) {
                rows.add(hashRow(f.getKey(), v.asText()));
            } else {
                rows.add(Row.text(f.getKey(), text(v)));
            }
        }
        return rows;
    }

    static String text(JsonNode v) {
        if (v.isValueNode()) {
            return v.asText();
        }
        if (v.isArray() && allValues(v)) {
            return join(v);
        }
        return CanonicalJson.encodeToString(v);
    }

    private static boolean allValues(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return parts.isEmpty() ? "(none)" : String.join(", ", parts);
    }

    private static String yesNo(JsonNode b) {
        return b.asBoolean() ? "yes" : "NO";
    }
}
