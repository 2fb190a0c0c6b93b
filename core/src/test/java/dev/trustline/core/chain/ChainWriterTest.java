package dev.trustline.core.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainWriterTest {

    @TempDir
    Path dir;

    @Test
    void writeThenVerify_roundTrip() throws Exception {
        Path file = dir.resolve("transcript.jsonl");
        VerifiedChain chain = TestChains.writeTranscript(file);
        assertEquals(5, chain.size());
        assertEquals(ChainEntry.ZERO_HASH, chain.entries().get(0).prev());
        for (int i = 1; i < chain.size(); i++) {
            assertEquals(i, chain.entries().get(i).seq());
            assertEquals(chain.entries().get(i - 1).hash(), chain.entries().get(i).prev());
        }
        assertEquals("Gateway Manufacturing CA — Shenzhen 2026",
                chain.entries().get(0).payload().get("title").textValue());
        assertEquals(TestChains.START, chain.entries().get(0).time());
        StringBuilder lines = new StringBuilder();
        chain.entries().forEach(e -> lines.append(e.toLine()));
        assertEquals(lines.toString(), Files.readString(file));
    }

    @Test
    void append_returnsEntryAsWritten_andMovesHead() throws Exception {
        Path file = dir.resolve("t.jsonl");
        try (ChainWriter writer = ChainWriter.create(file,
                new TestChains.TickingClock(TestChains.START, 0))) {
            assertEquals(ChainEntry.ZERO_HASH, writer.head());
            ChainEntry entry = writer.append("start", TestChains.object().put("a", "b"));
            assertEquals(entry.hash(), writer.head());
            assertEquals("2026-11-25T10:31:02.123Z", entry.contentJson().get("time").textValue());
            assertTrue(entry.hashMatches());
            assertEquals(entry.toLine(), Files.readString(file));
        }
    }

    @Test
    void create_existingFile_refused() throws IOException {
        Path file = Files.writeString(dir.resolve("t.jsonl"), "keep me\n");
        ChainException e = assertThrows(ChainException.class, () -> ChainWriter.create(file));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("keep me\n", Files.readString(file));
    }

    @Test
    void openForAppend_continuesTheChain() throws Exception {
        Path file = dir.resolve("t.jsonl");
        VerifiedChain before = TestChains.writeTranscript(file);
        TestChains.TickingClock clock = new TestChains.TickingClock(Instant.EPOCH, 1);
        clock.set(before.last().time());
        try (ChainWriter writer = ChainWriter.openForAppend(file, clock)) {
            assertEquals(before.head(), writer.head());
            assertEquals(5, writer.nextSeq());
            ChainEntry next = writer.append("abort", TestChains.object().put("why", "test"));
            assertEquals(5, next.seq());
            assertEquals(before.head(), next.prev());
        }
        VerifiedChain after = ChainVerifier.verify(file);
        assertEquals(6, after.size());
        assertEquals(before.entries(), after.entries().subList(0, 5));
    }

    @Test
    void openForAppend_brokenChain_refused() throws Exception {
        Path file = dir.resolve("t.jsonl");
        TestChains.writeTranscript(file);
        Files.writeString(file, Files.readString(file).replace("root-2026", "root-2027"));
        ChainException e = assertThrows(ChainException.class,
                () -> ChainWriter.openForAppend(file));
        assertEquals("entry 0: hash does not match its content", e.getMessage());
    }

    @Test
    void append_floatPayload_rejectedAndNothingWritten() throws Exception {
        Path file = dir.resolve("t.jsonl");
        try (ChainWriter writer = ChainWriter.create(file)) {
            writer.append("start", TestChains.object());
            byte[] before = Files.readAllBytes(file);
            ChainException e = assertThrows(ChainException.class,
                    () -> writer.append("output", TestChains.object().put("ratio", 0.5)));
            assertTrue(e.getMessage().startsWith("entry 1: payload: value at '/ratio'"),
                    e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file));
            assertEquals(1, writer.append("end", TestChains.object()).seq());
        }
    }

    @Test
    void append_badType_rejected() throws Exception {
        try (ChainWriter writer = ChainWriter.create(dir.resolve("t.jsonl"))) {
            for (String type : new String[] {"Start", "step_input", "-x", "x-", "", "a--b"}) {
                assertThrows(ChainException.class, () -> writer.append(type, TestChains.object()));
            }
        }
    }

    @Test
    void append_clockGoesBackwards_refused() throws Exception {
        TestChains.TickingClock clock = new TestChains.TickingClock(TestChains.START, 0);
        try (ChainWriter writer = ChainWriter.create(dir.resolve("t.jsonl"), clock)) {
            writer.append("start", TestChains.object());
            clock.set(TestChains.START.minusMillis(1));
            ChainException e = assertThrows(ChainException.class,
                    () -> writer.append("end", TestChains.object()));
            assertTrue(e.getMessage().contains("backwards"), e.getMessage());
        }
    }

    @Test
    void openForAppend_whileAnotherWriterOpen_refused() throws Exception {
        Path file = dir.resolve("t.jsonl");
        try (ChainWriter writer = ChainWriter.create(file)) {
            writer.append("start", TestChains.object());
            ChainException e = assertThrows(ChainException.class,
                    () -> ChainWriter.openForAppend(file));
            assertTrue(e.getMessage().contains("locked"), e.getMessage());
        }
    }

    @Test
    void append_fromManyThreads_keepsOneValidChain() throws Exception {
        Path file = dir.resolve("t.jsonl");
        try (ChainWriter writer = ChainWriter.create(file)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                Thread worker = new Thread(() -> appendMany(writer, thread, 25));
                worker.start();
                threads.add(worker);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(100, writer.nextSeq());
            assertEquals(writer.head(), ChainVerifier.verify(file).head());
        }
    }

    private static void appendMany(ChainWriter writer, int thread, int count) {
        for (int i = 0; i < count; i++) {
            try {
                writer.append("step-input", TestChains.object().put("thread", thread).put("i", i));
            } catch (ChainException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void append_afterClose_refused() throws Exception {
        ChainWriter writer = ChainWriter.create(dir.resolve("t.jsonl"));
        writer.close();
        assertThrows(ChainException.class, () -> writer.append("start", TestChains.object()));
    }
}
