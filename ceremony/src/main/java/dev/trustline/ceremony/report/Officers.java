package dev.trustline.ceremony.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The officers named by the transcript's roster entries: names per token, and everyone once for the sign-off. */
final class Officers {
    private final Map<String, Map<String, String>> byToken = new HashMap<>();
    private final Map<String, String> everyone = new LinkedHashMap<>();

    void add(JsonNode rosterPayload) {
        Map<String, String> names = byToken.computeIfAbsent(rosterPayload.path("token").asText(), t -> new HashMap<>());
        for (JsonNode o : rosterPayload.path("officers")) {
            names.put(o.path("id").asText(), o.path("name").asText());
            everyone.putIfAbsent(o.path("id").asText(), o.path("name").asText());
        }
    }

    String name(String token, String id) {
        String n = byToken.getOrDefault(token, Map.of()).get(id);
        return n != null ? n : everyone.getOrDefault(id, id);
    }

    /** id -> name, in the order the rosters list them. */
    Map<String, String> everyone() {
        return everyone;
    }
}
