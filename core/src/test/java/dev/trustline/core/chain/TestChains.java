package dev.trustline.core.chain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Shared fixtures: a ticking clock and a small transcript with awkward content. */
final class TestChains {

    static final Instant START = Instant.parse("2026-11-25T10:31:02.123Z");

    private TestChains() {
    }

    /** A clock that advances by {@code stepMillis} at every reading. */
    static final class TickingClock extends Clock {
        private final AtomicLong millis;
        private final long stepMillis;

        TickingClock(Instant start, long stepMillis) {
            this.millis = new AtomicLong(start.toEpochMilli());
            this.stepMillis = stepMillis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.getAndAdd(stepMillis));
        }

        /** Sets the time of the next reading. */
        void set(Instant next) {
            millis.set(next.toEpochMilli());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Writes a five-entry ceremony-like transcript to {@code file}. */
    static VerifiedChain writeTranscript(Path file) throws ChainException {
        try (ChainWriter writer = ChainWriter.create(file, new TickingClock(START, 1500))) {
            writer.append("start", object().put("ceremony", "root-2026")
                    .put("title", "Gateway Manufacturing CA — Shenzhen 2026"));
            ObjectNode input = object().put("step", "root").put("officers", 3);
            input.putArray("names").add("Zoë").add("王小明").add("O'Brien \"Bob\"");
            input.putObject("subject").put("CN", "Root CA ✓").put("O", "TrustLine")
                    .putObject("nested").put("deep", true).put("min", -9007199254740991L);
            writer.append("step-input", input);
            writer.append("output", object().put("file", "root.crt")
                    .put("sha256", "ab".repeat(32)).put("note", "tab\there\nnewline \\ /"));
            writer.append("output", object().put("emoji", "🔐 key").put("！", 1).put("😀", 2)
                    .put("ctl", "\u0001\u007f\u001f\b\f\r\u0000").put("ls", "\u2028"));
            ObjectNode end = object().put("result", "ok");
            end.putObject("empty");
            end.putArray("none");
            writer.append("end", end);
        }
        return ChainVerifier.verify(file);
    }
}
