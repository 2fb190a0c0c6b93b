package dev.trustline.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainVerifierTest {

    @TempDir
    Path dir;

    private Path file;
    private VerifiedChain original;

    @BeforeEach
    void writeTranscript() throws ChainException {
        file = dir.resolve("transcript.jsonl");
        original = TestChains.writeTranscript(file);
    }

    @Test
    void verify_lineRemoved_namesFirstBadEntry() throws IOException {
        List<String> lines = lines();
        lines.remove(2);
        assertFails(lines, "entry 2: seq is 3, expected 2");
    }

    @Test
    void verify_linesSwapped_namesFirstBadEntry() throws IOException {
        List<String> lines = lines();
        Collections.swap(lines, 1, 2);
        assertFails(lines, "entry 1: seq is 2, expected 1");
    }

    @Test
    void verify_lineDuplicated_namesFirstBadEntry() throws IOException {
        List<String> lines = lines();
        lines.add(3, lines.get(2));
        assertFails(lines, "entry 3: seq is 2, expected 3");
    }

    /** Cutting whole lines off the end keeps a valid chain: only the recorded head shows it. */
    @Test
    void verify_lastLinesRemoved_stillVerifiesWithOtherHead() throws Exception {
        List<String> lines = lines();
        write(lines.subList(0, 3));
        VerifiedChain cut = ChainVerifier.verify(file);
        assertEquals(3, cut.size());
        assertNotEquals(original.head(), cut.head());
    }

    @Test
    void verify_truncatedLastLine_named() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int cut : new int[] {1, 2, 40}) {
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - cut));
            ChainException e = assertThrows(ChainException.class, () -> ChainVerifier.verify(file));
            assertEquals("line 5: truncated (the file does not end with a newline)",
                    e.getMessage());
        }
    }

    @Test
    void verify_emptyFile_refused() throws IOException {
        Files.write(file, new byte[0]);
        ChainException e = assertThrows(ChainException.class, () -> ChainVerifier.verify(file));
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
    }

    @Test
    void verify_garbageLine_namesLine() throws IOException {
        List<String> lines = lines();
        lines.set(2, "{\"seq\":2,\n");
        assertFails(lines, "line 3: not valid JSON");
        lines.set(2, "\n");
        assertFails(lines, "line 3: empty line");
        lines.set(2, "[1]\n");
        assertFails(lines, "entry 2: not a JSON object");
    }

    /** Canonical lines are required, so every changed byte is caught; none needs skipping. */
    @Test
    void verify_anySingleByteChanged_caught() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] ^= 0x01;
            Files.write(file, changed);
            int position = i;
            assertThrows(ChainException.class, () -> ChainVerifier.verify(file),
                    () -> "flipped bit 0 of byte " + position + " not caught");
        }
    }

    @Test
    void verify_contentChanged_namesEntry() throws IOException {
        List<String> lines = lines();
        lines.set(1, lines.get(1).replace("Zoë", "Zoe"));
        assertFails(lines, "entry 1: hash does not match its content");
    }

    @Test
    void verify_contentChangedAndRehashed_namesNextEntry() throws Exception {
        ChainEntry old = original.entries().get(1);
        ChainEntry forged = ChainEntry.create(1, old.time(), old.type(),
                old.payload().put("officers", 2), old.prev());
        List<String> lines = lines();
        lines.set(1, forged.toLine());
        assertFails(lines, "entry 2: prev does not match the hash of entry 1");
    }

    @Test
    void verify_nonCanonicalLine_refused() throws IOException {
        List<String> lines = lines();
        lines.set(0, lines.get(0).replaceFirst("\\{", "{ "));
        assertFails(lines, "entry 0: line is not in canonical form");
    }

    @Test
    void verify_extraField_refused() throws IOException {
        List<String> lines = lines();
        ObjectNode json = original.entries().get(1).toJson().put("extra", 1);
        lines.set(1, CanonicalJson.encodeToString(json) + "\n");
        assertFails(lines, "entry 1: fields must be exactly seq, time, type, payload, prev, hash");
    }

    @Test
    void verify_firstPrevNotZeros_refused() throws IOException {
        ChainEntry entry = ChainEntry.create(0, TestChains.START, "start", TestChains.object(),
                "1".repeat(64));
        assertFails(List.of(entry.toLine()), "entry 0: prev is not 64 zeros");
    }

    @Test
    void verify_timeGoesBackwards_refused() throws IOException {
        ChainEntry first = ChainEntry.create(0, TestChains.START, "start", TestChains.object(),
                ChainEntry.ZERO_HASH);
        ChainEntry second = ChainEntry.create(1, TestChains.START.minusMillis(1), "end",
                TestChains.object(), first.hash());
        assertFails(List.of(first.toLine(), second.toLine()),
                "entry 1: time goes backwards from entry 0");
    }

    @Test
    void verify_malformedTimeOrFloat_refused() throws IOException {
        String line = lines().get(0);
        String time = original.entries().get(0).contentJson().get("time").textValue();
        assertFails(List.of(line.replace(time, "2026-11-25T10:31:02Z")), "entry 0: time is not");
        assertFails(List.of(line.replace("\"ceremony\":\"root-2026\"", "\"ceremony\":1.5")),
                "entry 0: payload: value at '/ceremony' is a floating point number");
    }

    @Test
    void verify_missingFile_refused() throws IOException {
        Files.delete(file);
        ChainException e = assertThrows(ChainException.class, () -> ChainVerifier.verify(file));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    private List<String> lines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readString(file).split("(?<=\n)")) {
            lines.add(line);
        }
        return lines;
    }

    private void write(List<String> lines) throws IOException {
        Files.writeString(file, String.join("", lines), StandardCharsets.UTF_8);
    }

    private void assertFails(List<String> lines, String messageStart) throws IOException {
        write(lines);
        ChainException e = assertThrows(ChainException.class, () -> ChainVerifier.verify(file));
        assertTrue(e.getMessage().startsWith(messageStart),
                "expected '" + messageStart + "...' but got: " + e.getMessage());
    }
}
