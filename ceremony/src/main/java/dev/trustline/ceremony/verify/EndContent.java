package dev.trustline.ceremony.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.verify.TranscriptAuditor.AuditFailure;
import dev.trustline.core.chain.ChainEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The end entry states what the ceremony produced: its id and file hash, the number of steps, the chain
 * head before it, and every output with its SHA-256 in order. Each must equal what the entries before it
 * (each output entry already checked against its file) say; nothing else may be in it.
 */
final class EndContent {
    static final Set<String> FIELDS = Set.of("ceremony", "ceremony-sha256", "steps", "head-before-end", "outputs", "approvals");
    private String ceremony = "";
    private String ceremonySha = "";
    private int steps;
    private final List<String> outputs = new ArrayList<>();

    void check(ChainEntry e) throws AuditFailure {
        ObjectNode p = e.payload();
        switch (e.type()) {
            case "start" -> {
                ceremony = p.path("ceremony").asText();
                ceremonySha = p.path("ceremony-sha256").asText();
            }
            case "step-start" -> steps++;
            case "output" -> outputs.add(p.path("file").asText() + " " + p.path("sha256").asText());
            case "end" -> end(e, p);
            default -> { }
        }
    }

    private void end(ChainEntry e, ObjectNode p) throws AuditFailure {
        Set<String> names = new TreeSet<>();
        p.fieldNames().forEachRemaining(names::add);
        names.removeAll(FIELDS);
        require(e, names.isEmpty(), "the end entry has fields no ceremony writes: " + names);
        require(e, ceremony.equals(p.path("ceremony").asText()) && ceremonySha.equals(p.path("ceremony-sha256").asText()),
                "the end entry names another ceremony than the start entry");
        require(e, p.path("steps").isInt() && p.path("steps").asInt() == steps,
                "the end entry says " + p.path("steps") + " steps; the transcript started " + steps);
        require(e, e.prev().equals(p.path("head-before-end").asText()), "the end entry's head-before-end is not the hash of the entry before it");
        List<String> listed = new ArrayList<>();
        for (JsonNode o : p.path("outputs")) {
            require(e, o.isObject() && o.size() == 2, "the end entry's outputs must be {file, sha256} objects");
            listed.add(o.path("file").asText() + " " + o.path("sha256").asText());
        }
        require(e, p.path("outputs").isArray() && listed.equals(outputs),
                "the end entry's outputs differ from the outputs the transcript recorded (" + listed.size() + " listed, " + outputs.size() + " recorded)");
    }

    private static void require(ChainEntry e, boolean ok, String message) throws AuditFailure {
        if (!ok) {
            throw new AuditFailure(e, message);
        }
    }
}
