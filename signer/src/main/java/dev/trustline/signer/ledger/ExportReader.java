package dev.trustline.signer.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trustline.core.chain.CanonicalJson;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads an exported ledger (or a checkpoint file) line by line: each line must be exactly
 * {@link LedgerRow#line()} of the row it spells (canonical JSON with exactly the fields hash,
 * payload, prev, seq, time, type, ending in "\n"). Form and chain rules are
 * {@link ChainCheck}'s job.
 */
public final class ExportReader implements AutoCloseable {

    private static final Set<String> FIELDS = Set.of("seq", "time", "type", "payload", "prev",
            "hash");

    private final Path file;
    private final InputStream in;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
    private long lineNo;

    public ExportReader(Path file) throws IOException {
        this.file = file;
        this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    /** The next row, or null at the end of the file. */
    public LedgerRow next() throws IOException, LedgerProblem {
        buffer.reset();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            buffer.write(b);
        }
        if (b == -1 && buffer.size() == 0) {
            return null;
        }
        lineNo++;
        if (b == -1) {
            throw bad(lineNo, "truncated (the file does not end with a newline)");
        }
        return parse(utf8(buffer.toByteArray(), lineNo), lineNo);
    }

    private static String utf8(byte[] bytes, long lineNo) throws LedgerProblem {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw bad(lineNo, "not valid UTF-8");
        }
    }

    /** The single row a checkpoint file holds. */
    public static LedgerRow single(Path file) throws IOException, LedgerProblem {
        try (ExportReader r = new ExportReader(file)) {
            LedgerRow row = r.next();
            if (row == null || r.next() != null) {
                throw new LedgerProblem(-1, file + ": a checkpoint file holds exactly one entry"
                        + " line");
            }
            return row;
        }
    }

    private static LedgerRow parse(String text, long lineNo) throws LedgerProblem {
        JsonNode json;
        try {
            json = Payloads.STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad(lineNo, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (json == null || !json.isObject() || json.size() != FIELDS.size()) {
            throw bad(lineNo, "not an entry (an object with exactly seq, time, type, payload,"
                    + " prev, hash)");
        }
        for (String f : FIELDS) {
            JsonNode v = json.get(f);
            boolean ok = v != null && (f.equals("seq") ? v.canConvertToLong() && v.isIntegralNumber()
                    : f.equals("payload") ? v.isObject() : v.isTextual());
            if (!ok) {
                throw bad(lineNo, "field " + f + " is missing or of the wrong type");
            }
        }
        String payload;
        try {
            payload = CanonicalJson.encodeToString(json.get("payload"));
        } catch (IllegalArgumentException e) {
            throw bad(lineNo, "payload " + e.getMessage());
        }
        LedgerRow row = new LedgerRow(json.get("seq").longValue(), json.get("time").textValue(),
                json.get("type").textValue(), payload, json.get("prev").textValue(),
                json.get("hash").textValue());
        if (!(row.line()).equals(text + "\n")) {
            throw bad(lineNo, "not in canonical form");
        }
        return row;
    }

    private static LedgerProblem bad(long lineNo, String why) {
        return new LedgerProblem(-1, "line " + lineNo + ": " + why);
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
