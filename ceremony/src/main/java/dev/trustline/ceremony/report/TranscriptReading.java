package dev.trustline.ceremony.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.report.ReportModel.Block;
import dev.trustline.ceremony.report.ReportModel.Row;
import dev.trustline.ceremony.report.ReportModel.Section;
import dev.trustline.ceremony.report.ReportModel.Signatory;
import dev.trustline.ceremony.verify.AuditResult;
import dev.trustline.core.chain.ChainEntry;
import dev.trustline.core.chain.PgpWords;
import dev.trustline.core.chain.VerifiedChain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks a verified transcript once and sorts its entries into the report: the start entry onto the cover,
 * rosters, unlocks and tokens into "Token activation", each step's entries into its own section, every
 * exception into its own list as well, and the end (or the abort) into the closing.
 */
final class TranscriptReading {
    private final Officers officers = new Officers();
    private final EntryBlocks blocks = new EntryBlocks(officers);
    private final OutputDetails outputs;
    private final List<Section> sections = new ArrayList<>();
    private final List<Block> exceptions = new ArrayList<>();
    private final List<Block> activation = new ArrayList<>();
    private String currentHeading;
    private List<Block> current;
    private ChainEntry start;
    private ChainEntry last;

    private TranscriptReading(Path outputDir) {
        this.outputs = new OutputDetails(outputDir);
    }

    static ReportModel read(VerifiedChain chain, String transcriptSha256, Path outputDir, AuditResult audit) {
        TranscriptReading r = new TranscriptReading(outputDir);
        for (ChainEntry e : chain.entries()) {
            r.add(e);
        }
        r.closeSection();
        return r.model(chain, transcriptSha256, audit);
    }

    private void add(ChainEntry e) {
        last = e;
        switch (e.type()) {
            case "start" -> start = e;
            case "roster" -> {
                officers.add(e.payload());
                activation.add(blocks.of(e, List.of()));
            }
            case "unlock", "activation", "token" -> activation.add(blocks.of(e, List.of()));
            case "unlock-failed" -> exception(activation, blocks.of(e, List.of()));
            case "step-start" -> stepStart(e);
            case "output" -> output(e);
            case "end" -> {
            }
            default -> entry(e);
        }
    }

    private void stepStart(ChainEntry e) {
        closeSection();
        ObjectNode p = e.payload();
        currentHeading = "Step " + (sections.size() + 1) + ": " + p.path("step").asText() + " (" + p.path("type").asText() + ")";
        current = new ArrayList<>();
        List<Row> rows = new ArrayList<>(List.of(Row.text("step type", p.path("type").asText()),
                Row.mono("output file", p.path("output").asText())));
        for (JsonNode in : p.path("inputs")) {
            rows.add(EntryBlocks.hashRow("input " + in.path("file").asText(), in.path("sha256").asText()));
        }
        current.add(new Block("Step started", Long.toString(e.seq()), Times.print(e.time()), rows));
    }

    private void entry(ChainEntry e) {
        Block b = blocks.of(e, List.of());
        ObjectNode p = e.payload();
        boolean bad = e.type().equals("abort") || (e.type().equals("lints") && !"pass".equals(p.path("result").asText()))
                || (e.type().equals("confirmation") && !p.path("accepted").asBoolean());
        List<Block> into = current != null ? current : activation;
        if (bad) {
            exception(into, b);
        } else {
            into.add(b);
        }
    }

    private void output(ChainEntry e) {
        ObjectNode p = e.payload();
        List<Row> rows = new ArrayList<>(EntryBlocks.generic(withoutStep(p)));
        OutputDetails.Result details = outputs.of(p);
        rows.addAll(details.rows());
        Block b = new Block("Output written", Long.toString(e.seq()), Times.print(e.time()), rows);
        List<Block> into = current != null ? current : activation;
        if (details.problem() != null) {
            into.add(b);
            exceptions.add(new Block("Output file check", b.seq(), b.time(), List.of(Row.text("problem", details.problem()))));
        } else {
            into.add(b);
        }
    }

    private static ObjectNode withoutStep(ObjectNode p) {
        ObjectNode copy = p.deepCopy();
        copy.remove("step");
        return copy;
    }

    private void exception(List<Block> into, Block b) {
        into.add(b);
        exceptions.add(b);
    }

    private void closeSection() {
        if (current != null) {
            sections.add(new Section(currentHeading, current));
            current = null;
        }
    }

    private ReportModel model(VerifiedChain chain, String transcriptSha256, AuditResult audit) {
        List<Section> all = new ArrayList<>();
        if (!activation.isEmpty()) {
            all.add(new Section("Officer quorum and tokens", activation));
        }
        all.addAll(sections);
        ObjectNode s = start != null ? start.payload() : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        List<Row> cover = new ArrayList<>(Cover.rows(start, chain, transcriptSha256));
        List<String> names = new ArrayList<>();
        officers.everyone().forEach((id, name) -> names.add(name + " (" + id + ")"));
        cover.add(Row.text("security officers", names.isEmpty() ? "(no officer quorum recorded)" : String.join(", ", names)));
        cover.add(Row.text("exceptions", exceptions.isEmpty() ? "none" : exceptions.size() + " (listed after the steps)"));
        return new ReportModel(s.path("ceremony").asText("(no start entry)"), cover, all, exceptions, closing(chain, audit), signatories(s));
    }

    private List<Row> closing(VerifiedChain chain, AuditResult audit) {
        List<Row> rows = new ArrayList<>();
        if ("end".equals(last.type())) {
            ObjectNode p = last.payload();
            rows.add(Row.text("outcome", "COMPLETE: " + p.path("steps").asText() + " steps"));
            rows.add(Row.mono("outputs", EntryBlocks.join(p.path("outputs"))));
            for (JsonNode a : p.path("approvals")) {
                List<String> names = new ArrayList<>();
                a.path("approvals").forEach(x -> names.add(officers.name(a.path("token").asText(), x.path("officer").asText())));
                rows.add(Row.text("closed under quorum of " + a.path("token").asText(), String.join(", ", names)));
            }
        } else {
            rows.add(Row.text("outcome", "NOT COMPLETE: the last entry is '" + last.type() + "' (entry " + last.seq() + ")"));
        }
        rows.add(Row.text("entries", Integer.toString(chain.size())));
        rows.add(Row.text("last entry written", Times.print(last.time())));
        rows.add(Row.mono("chain head", chain.head()));
        rows.add(Row.mono("chain head in PGP words", PgpWords.ofHex(chain.head())));
        rows.add(Row.text("auditor's check (bin/ceremony verify)", audit.ok() ? audit.message() : "FAILED: " + audit.message()));
        return rows;
    }

    private List<Signatory> signatories(ObjectNode start) {
        List<Signatory> out = new ArrayList<>();
        for (Map.Entry<String, String> o : officers.everyone().entrySet()) {
            out.add(new Signatory(o.getValue() + " (" + o.getKey() + ")", "Security officer"));
        }
        if (start.hasNonNull("administrator")) {
            out.add(new Signatory(start.path("administrator").asText(), "Ceremony administrator"));
        }
        for (JsonNode w : start.path("witnesses")) {
            out.add(new Signatory(w.asText(), "Witness"));
        }
        return out;
    }
}
