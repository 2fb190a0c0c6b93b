package dev.trustline.core.quorum;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Consumer;

/** Edits of card and roster JSON for tamper and strict-parsing tests. */
final class CardEdits {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CardEdits() {
    }

    static ObjectNode tree(byte[] json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(ObjectNode tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] edit(byte[] json, Consumer<ObjectNode> change) {
        ObjectNode tree = tree(json);
        change.accept(tree);
        return bytes(tree);
    }

    /** Flips the lowest bit of byte {@code index} of a base64 field. */
    static void flipBase64Byte(ObjectNode node, String field, int index) {
        byte[] value = Base64.getDecoder().decode(node.get(field).asText());
        value[index] ^= 1;
        node.put(field, Base64.getEncoder().encodeToString(value));
    }

    static Path writeRaw(Path dir, String name, byte[] json) {
        try {
            return Files.write(dir.resolve(name), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
