package dev.trustline.core.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits a chain file into its lines and parses each as JSON; knows nothing of chain rules. */
final class ChainReader {

    /** One line of the file without its "\n"; {@code number} counts from 1. */
    record Line(int number, byte[] bytes, boolean terminated) {
    }

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ChainReader() {
    }

    /** The lines of {@code file}; the last is {@code terminated == false} if "\n" is missing. */
    static List<Line> lines(Path file) throws ChainException {
        byte[] bytes = read(file);
        List<Line> lines = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int end = indexOfNewline(bytes, start);
            boolean terminated = end < bytes.length;
            lines.add(new Line(lines.size() + 1, Arrays.copyOfRange(bytes, start, end), terminated));
            start = end + 1;
        }
        return lines;
    }

    /** The line decoded as UTF-8 and parsed as JSON, or an exception naming the line. */
    static JsonNode parse(Line line) throws ChainException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line.bytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ChainException(-1, "line " + line.number() + ": not valid UTF-8");
        }
        try {
            return STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ChainException(-1, "line " + line.number() + ": not valid JSON ("
                    + e.getOriginalMessage() + ")");
        }
    }

    private static int indexOfNewline(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && bytes[i] != '\n') {
            i++;
        }
        return i;
    }

    private static byte[] read(Path file) throws ChainException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ChainException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ChainException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
