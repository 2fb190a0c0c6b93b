package dev.trustline.core.quorum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Strict, field-by-field reading of one JSON object: every required field must be present with
 * the right type, and {@link #done()} refuses any field that was not read. Errors name the file
 * and the dotted field path, never the field's value.
 */
final class JsonFields {
    private final ObjectNode node;
    private final String prefix;
    private final String what;
    private final Set<String> read = new HashSet<>();

    JsonFields(ObjectNode node, String prefix, String what) {
        this.node = node;
        this.prefix = prefix;
        this.what = what;
    }

    QuorumException error(String field, String problem) {
        return new QuorumException(what + ": field '" + prefix + field + "' " + problem);
    }

    /** An error about this object as a whole, e.g. "field 'kdf' has unusable parameters". */
    QuorumException errorHere(String problem) {
        String self = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return new QuorumException(what + ": field '" + self + "' " + problem);
    }

    private JsonNode require(String field) throws QuorumException {
        read.add(field);
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new QuorumException(what + ": missing field '" + prefix + field + "'");
        }
        return value;
    }

    String string(String field) throws QuorumException {
        JsonNode value = require(field);
        if (!value.isTextual()) {
            throw error(field, "must be a string");
        }
        return value.textValue();
    }

    int integer(String field) throws QuorumException {
        JsonNode value = require(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw error(field, "must be an integer");
        }
        return value.intValue();
    }

    byte[] base64(String field) throws QuorumException {
        String text = string(field);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw error(field, "is not valid base64");
        }
    }

    JsonFields object(String field) throws QuorumException {
        JsonNode value = require(field);
        if (!value.isObject()) {
            throw error(field, "must be an object");
        }
        return new JsonFields((ObjectNode) value, prefix + field + ".", what);
    }

    List<JsonFields> objects(String field) throws QuorumException {
        JsonNode value = require(field);
        if (!value.isArray()) {
            throw error(field, "must be an array");
        }
        List<JsonFields> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                throw error(field + "[" + i + "]", "must be an object");
            }
            items.add(new JsonFields((ObjectNode) item, prefix + field + "[" + i + "].", what));
        }
        return items;
    }

    /** Refuses any field of this object that was not read. */
    void done() throws QuorumException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!read.contains(name)) {
                throw new QuorumException(what + ": unknown field '" + prefix + name + "'");
            }
        }
    }
}
