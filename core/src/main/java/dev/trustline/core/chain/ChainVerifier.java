package dev.trustline.core.chain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a chain file end to end. Every line must be the canonical encoding of an entry with
 * exactly the fields seq, time, type, payload, prev and hash; seq counts from 0; prev is the
 * previous entry's hash (64 zeros for entry 0); hash is the SHA-256 of the entry without hash;
 * times never go backwards; the file is not empty and ends with "\n".
 */
public final class ChainVerifier {

    private ChainVerifier() {
    }

    /**
     * The verified chain in {@code file}.
     *
     * @throws ChainException naming the first bad entry ("entry 7: hash does not match its
     *     content"), or the line where it is not even an entry ("line 3: not valid JSON")
     */
    public static VerifiedChain verify(Path file) throws ChainException {
        List<ChainReader.Line> lines = ChainReader.lines(file);
        if (lines.isEmpty()) {
            throw new ChainException(-1, file + ": empty file; a chain has at least one entry");
        }
        List<ChainEntry> entries = new ArrayList<>(lines.size());
        for (ChainReader.Line line : lines) {
            ChainEntry previous = entries.isEmpty() ? null : entries.get(entries.size() - 1);
            entries.add(verifyLine(line, entries.size(), previous));
        }
        return new VerifiedChain(entries);
    }

    private static ChainEntry verifyLine(ChainReader.Line line, long seq, ChainEntry previous)
            throws ChainException {
        if (!line.terminated()) {
            throw new ChainException(-1, "line " + line.number()
                    + ": truncated (the file does not end with a newline)");
        }
        if (line.bytes().length == 0) {
            throw new ChainException(-1, "line " + line.number() + ": empty line");
        }
        ChainEntry entry = EntryDecoder.decode(ChainReader.parse(line), seq);
        if (!entry.hashMatches()) {
            throw new ChainException(seq, "hash does not match its content");
        }
        checkLink(entry, previous);
        byte[] canonical = CanonicalJson.encode(entry.toJson());
        if (!Arrays.equals(line.bytes(), canonical)) {
            throw new ChainException(seq, "line is not in canonical form");
        }
        return entry;
    }

    private static void checkLink(ChainEntry entry, ChainEntry previous) throws ChainException {
        String expected = previous == null ? ChainEntry.ZERO_HASH : previous.hash();
        if (!entry.prev().equals(expected)) {
            throw new ChainException(entry.seq(), previous == null ? "prev is not 64 zeros"
                    : "prev does not match the hash of entry " + previous.seq());
        }
        if (previous != null && entry.time().isBefore(previous.time())) {
            throw new ChainException(entry.seq(), "time goes backwards from entry "
                    + previous.seq());
        }
    }
}
