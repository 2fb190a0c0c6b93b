package dev.trustline.core.quorum;

import static dev.trustline.core.quorum.QuorumFixtures.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardJsonTest {
    private static byte[] valid;

    @TempDir
    Path dir;

    @BeforeAll
    static void createCard() throws QuorumException {
        valid = QuorumFixtures.card("alice", "0123456789abcdef0123456789abcdef", 1, new byte[32]).toJson();
    }

    private QuorumException refusedAfter(Consumer<ObjectNode> change, String expected) {
        Path path = CardEdits.writeRaw(dir, "card.json", CardEdits.edit(valid, change));
        QuorumException e = assertRefused(() -> OfficerCard.read(path));
        assertEquals("card " + path + ": " + expected, e.getMessage());
        return e;
    }

    @Test
    void read_unknownField_namesIt() {
        refusedAfter(t -> t.put("comment", "hello"), "unknown field 'comment'");
    }

    @Test
    void read_unknownNestedField_namesItsPath() {
        refusedAfter(t -> ((ObjectNode) t.get("kdf")).put("pepper", "x"), "unknown field 'kdf.pepper'");
        refusedAfter(t -> ((ObjectNode) t.get("share")).put("tag", "x"), "unknown field 'share.tag'");
    }

    @Test
    void read_missingField_namesIt() {
        refusedAfter(t -> t.remove("officerName"), "missing field 'officerName'");
        refusedAfter(t -> ((ObjectNode) t.get("kdf")).remove("salt"), "missing field 'kdf.salt'");
        refusedAfter(t -> ((ObjectNode) t.get("approvalPrivateKey")).remove("nonce"),
                "missing field 'approvalPrivateKey.nonce'");
    }

    @Test
    void read_wrongTypes_nameTheField() {
        refusedAfter(t -> t.put("version", "1"), "field 'version' must be an integer");
        refusedAfter(t -> ((ObjectNode) t.get("kdf")).put("memoryKiB", 8192.5), "field 'kdf.memoryKiB' must be an integer");
        refusedAfter(t -> t.put("kdf", "argon2id"), "field 'kdf' must be an object");
        refusedAfter(t -> t.put("officerId", 7), "field 'officerId' must be a string");
    }

    @Test
    void read_badValues_nameTheField() {
        refusedAfter(t -> t.put("version", 2), "field 'version' is 2; only version 1 is supported");
        refusedAfter(t -> t.put("format", "something-else"), "field 'format' must be \"trustline-officer-card\"");
        refusedAfter(t -> ((ObjectNode) t.get("kdf")).put("salt", "!!!"), "field 'kdf.salt' is not valid base64");
        refusedAfter(t -> ((ObjectNode) t.get("kdf")).put("salt", "AAAA"), "field 'kdf.salt' must be 16 bytes, not 3");
        refusedAfter(t -> ((ObjectNode) t.get("kdf")).put("algorithm", "scrypt"), "field 'kdf.algorithm' must be \"argon2id\"");
        refusedAfter(t -> ((ObjectNode) t.get("kdf")).put("iterations", 0),
                "field 'kdf' has unusable parameters: iterations 0 is outside 1..64");
        refusedAfter(t -> ((ObjectNode) t.get("share")).put("nonce", "AAAA"), "field 'share.nonce' must be 12 bytes, not 3");
        refusedAfter(t -> t.put("approvalPublicKey", "AAAA"),
                "field 'approvalPublicKey' is not an Ed25519 SubjectPublicKeyInfo");
        refusedAfter(t -> t.put("officerId", "Alice"), "officer id 'Alice' must match [a-z0-9][a-z0-9-]{0,31}");
    }

    @Test
    void read_duplicateKeyOrTrailingContent_isRefused() {
        String text = new String(valid, StandardCharsets.UTF_8);
        String duplicated = text.replaceFirst("\"version\" : 1,", "\"version\" : 1, \"version\" : 1,");
        Path dup = CardEdits.writeRaw(dir, "dup.json", duplicated.getBytes(StandardCharsets.UTF_8));
        assertRefused(() -> OfficerCard.read(dup), "Duplicate field 'version'");
        Path trailing = CardEdits.writeRaw(dir, "trailing.json", (text + "{}").getBytes(StandardCharsets.UTF_8));
        assertRefused(() -> OfficerCard.read(trailing), "card " + trailing + ": not valid JSON");
        Path array = CardEdits.writeRaw(dir, "array.json", "[]".getBytes(StandardCharsets.UTF_8));
        assertRefused(() -> OfficerCard.read(array), "card " + array + ": must be a JSON object");
    }

    @Test
    void read_missingFile_namesIt() {
        Path missing = dir.resolve("nope.json");
        assertRefused(() -> OfficerCard.read(missing), "cannot read card " + missing);
    }
}
