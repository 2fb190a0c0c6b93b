package dev.trustline.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads YAML (or JSON) into raw config records strictly: unknown fields, duplicate keys, trailing
 * documents and nulls for primitives are errors, and every error names the YAML path at fault, e.g.
 * {@code steps[2].profile.validity.not-after}. Field names are kebab-case.
 */
public final class StrictYaml {
    private static final ObjectMapper YAML = configure(YAMLMapper.builder(new YAMLFactory()));
    private static final ObjectMapper JSON = configure(JsonMapper.builder());

    private StrictYaml() {
    }

    private static ObjectMapper configure(com.fasterxml.jackson.databind.cfg.MapperBuilder<?, ?> builder) {
        return builder
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    /** Reads {@code file} (YAML, or JSON when it ends in .json) as {@code type}. */
    public static <T> T read(Path file, Class<T> type) throws ConfigException {
        try {
            return parse(Files.readAllBytes(file), file.toString(), type);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "file does not exist");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    /**
     * Parses in two passes so every error names its path: the text into a tree (encoding, tabs, syntax,
     * duplicate keys; the path found from the line), then the tree into {@code type} (unknown fields,
     * types, numbers out of range; the path from the mapping).
     */
    public static <T> T parse(byte[] bytes, String source, Class<T> type) throws ConfigException {
        ObjectMapper mapper = source.endsWith(".json") ? JSON : YAML;
        String textProblem = YamlText.problem(bytes);
        if (textProblem != null) {
            throw new ConfigException(source, textProblem);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, syntax(bytes, e));
        } catch (IOException e) {
            throw new ConfigException(source, "cannot read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException(source, "(root): the file is empty");
        }
        String emptyEntry = nullInList(tree, "");
        if (emptyEntry != null) {
            throw new ConfigException(source, emptyEntry + ": is empty (null); give a value or remove the entry");
        }
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new ConfigException(source, path(e) + ": " + oneLine(reason(e)));
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, "(root): " + oneLine(e.getOriginalMessage()));
        }
    }

    /**
     * The path of the first list entry that is null (`- ~`, `[NULL, x]`, `- ` with nothing after it), or null. No
     * TrustLine file has a use for one, and the parsers after this one would meet it as a Java null (a fuzzer found
     * the ceremony file's ext-key-usage doing so).
     */
    private static String nullInList(JsonNode node, String path) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String at = path + "[" + i + "]";
                String found = node.get(i).isNull() ? at : nullInList(node.get(i), at);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                java.util.Map.Entry<String, JsonNode> e = it.next();
                String found = nullInList(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String syntax(byte[] bytes, JsonProcessingException e) {
        int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
        String message = oneLine(e.getOriginalMessage());
        java.util.regex.Matcher dup = java.util.regex.Pattern.compile("Duplicate field '([^']*)'").matcher(message);
        if (dup.find()) {
            return YamlText.pathAt(bytes, line) + ": the key '" + dup.group(1) + "' appears twice in one mapping" + location(e);
        }
        return YamlText.pathAt(bytes, line) + ": not valid YAML: " + message.replaceAll("\\S*(Exception|Error):\\s*", "") + location(e);
    }

    /** The JSON mapper with the same strict settings, for callers that read JSON trees. */
    public static ObjectMapper jsonMapper() {
        return JSON;
    }

    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            }
        }
        return sb.length() == 0 ? "(root)" : sb.toString();
    }

    private static String reason(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field (allowed: " + String.join(", ", u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")";
        }
        if (e instanceof InvalidTypeIdException t) {
            return "unknown type '" + t.getTypeId() + "'";
        }
        java.util.regex.Matcher range = java.util.regex.Pattern.compile("Numeric value \\((-?\\d+)\\) out of range of (int|long) \\((-?\\d+) - (\\d+)\\)")
                .matcher(String.valueOf(e.getOriginalMessage()));
        if (range.find()) {
            return "the number " + range.group(1) + " is out of range (" + range.group(3) + " to " + range.group(4) + ")";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + describe(m.getTargetType()) + location(e);
        }
        return e.getOriginalMessage().replaceAll(" \\(for .*$", "") + location(e);
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping";
    }

    private static String oneLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
