package dev.trustline.core.quorum;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Jackson set up for the quorum files: duplicate keys and trailing content are refused, and
 * documents are written pretty-printed with a final newline in a fixed field order.
 */
final class StrictJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private StrictJson() {
    }

    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    /** Parses {@code bytes} as one JSON object; {@code what} names the file in errors. */
    static JsonFields parse(byte[] bytes, String what) throws QuorumException {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new QuorumException(what + ": not valid JSON (" + describe(e) + ")");
        } catch (IOException e) {
            throw new QuorumException(what + ": cannot be parsed", e);
        }
        if (node == null || !node.isObject()) {
            throw new QuorumException(what + ": must be a JSON object");
        }
        return new JsonFields((ObjectNode) node, "", what);
    }

    /** Where the syntax error is; a duplicate key is named, other token text is never echoed. */
    private static String describe(JsonProcessingException e) {
        String original = String.valueOf(e.getOriginalMessage());
        if (original.startsWith("Duplicate field")) {
            return original;
        }
        if (e.getLocation() == null) {
            return "syntax error";
        }
        return "syntax error at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    static byte[] write(ObjectNode node) {
        try {
            String text = MAPPER.writeValueAsString(node) + "\n";
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an in-memory JSON tree", e);
        }
    }
}
