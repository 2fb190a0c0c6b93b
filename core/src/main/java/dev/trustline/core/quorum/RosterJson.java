package dev.trustline.core.quorum;

import dev.trustline.core.Environment;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The roster file format (version 1):
 * <pre>
 * {
 *   "format" : "trustline-officer-roster",
 *   "version" : 1,
 *   "rosterId" : "3f0c...",
 *   "tokenLabel" : "trustline-root",
 *   "environment" : "production",
 *   "threshold" : 3,
 *   "officers" : [ { "id" : "alice", "name" : "Alice Example", "shareIndex" : 1,
 *                    "approvalPublicKey" : "MCowBQYDK2VwAyEA..." }, ... ],
 *   "activationCheck" : "64 hex digits",
 *   "createdAt" : "2026-11-25T10:00:00Z"
 * }
 * </pre>
 */
final class RosterJson {
    static final String FORMAT = "trustline-officer-roster";

    private RosterJson() {
    }

    static byte[] write(RosterDraft roster) {
        ObjectNode root = StrictJson.newObject();
        root.put("format", FORMAT);
        root.put("version", Roster.VERSION);
        root.put("rosterId", roster.rosterId());
        root.put("tokenLabel", roster.tokenLabel());
        root.put("environment", roster.environment().configName());
        root.put("threshold", roster.threshold());
        ArrayNode officers = root.putArray("officers");
        for (RosterOfficer officer : roster.officers()) {
            ObjectNode node = officers.addObject();
            node.put("id", officer.id());
            node.put("name", officer.name());
            node.put("shareIndex", officer.shareIndex());
            node.put("approvalPublicKey", officer.approvalPublicKey());
        }
        root.put("activationCheck", roster.activationCheck());
        root.put("createdAt", roster.createdAt().toString());
        return StrictJson.write(root);
    }

    static RosterDraft parse(byte[] json, String what) throws QuorumException {
        JsonFields root = StrictJson.parse(json, what);
        checkHeader(root);
        String rosterId = root.string("rosterId");
        String tokenLabel = root.string("tokenLabel");
        Environment environment = Environment.fromConfigName(root.string("environment")).orElse(null);
        if (environment == null) {
            throw root.error("environment", "must be \"production\" or \"test\"");
        }
        int threshold = root.integer("threshold");
        List<RosterOfficer> officers = readOfficers(root);
        String check = root.string("activationCheck");
        Instant createdAt = readInstant(root, "createdAt");
        root.done();
        return new RosterDraft(rosterId, tokenLabel, environment, threshold, officers, check, createdAt);
    }

    private static void checkHeader(JsonFields root) throws QuorumException {
        if (!FORMAT.equals(root.string("format"))) {
            throw root.error("format", "must be \"" + FORMAT + "\"");
        }
        int version = root.integer("version");
        if (version != Roster.VERSION) {
            throw root.error("version", "is " + version + "; only version " + Roster.VERSION + " is supported");
        }
    }

    private static List<RosterOfficer> readOfficers(JsonFields root) throws QuorumException {
        List<RosterOfficer> officers = new ArrayList<>();
        for (JsonFields item : root.objects("officers")) {
            String id = item.string("id");
            String name = item.string("name");
            int shareIndex = item.integer("shareIndex");
            String key = item.string("approvalPublicKey");
            item.done();
            officers.add(new RosterOfficer(id, name, shareIndex, key));
        }
        return officers;
    }

    private static Instant readInstant(JsonFields root, String field) throws QuorumException {
        try {
            return Instant.parse(root.string(field));
        } catch (DateTimeParseException e) {
            throw root.error(field, "must be an ISO-8601 UTC time such as 2026-11-25T10:00:00Z");
        }
    }
}
