package dev.trustline.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks on a config file's bytes before they are parsed, and the YAML path at a line, so that an error
 * found only by line (a bad byte, a tab, a syntax error) still names the field it is in.
 */
final class YamlText {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlText() {
    }

    /** The first problem with the raw text, as "PATH: message (line N)", or null when there is none. */
    static String problem(byte[] bytes) {
        int bad = firstNonUtf8(bytes);
        if (bad >= 0) {
            String text = new String(bytes, 0, bad, StandardCharsets.UTF_8);
            int line = lineOf(text, text.length());
            return pathAt(bytes, line, columnOf(text, text.length())) + ": not UTF-8 text (byte 0x" + String.format("%02X", bytes[bad] & 0xff)
                    + ") (line " + line + ")";
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int tab = text.indexOf('\t');
        if (tab >= 0) {
            int line = lineOf(text, tab);
            return pathAt(bytes, line, columnOf(text, tab)) + ": a tab character; indent and separate with spaces (line " + line + ")";
        }
        return null;
    }

    /** Offset of the first byte that is not part of valid UTF-8, or -1. */
    private static int firstNonUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length + 1), true);
        return result.isError() ? in.position() : -1;
    }

    static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            line += text.charAt(i) == '\n' ? 1 : 0;
        }
        return line;
    }

    /**
     * The YAML path of the value at {@code line} (the last one starting at or before {@code column}, else
     * the first on the line), found by streaming the text (bad bytes made harmless, tabs read as four
     * spaces); when nothing parses on that line, "after" the last path before it.
     */
    static String pathAt(byte[] bytes, int line, int column) {
        String text = new String(bytes, StandardCharsets.UTF_8).replace('\uFFFD', '?').replace("\t", "    ");
        String before = "(root)";
        String onLine = null;
        try (JsonParser p = FACTORY.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                var at = p.currentTokenLocation();
                if (at.getLineNr() > line) {
                    break;
                }
                if (t == JsonToken.FIELD_NAME || t.isScalarValue()) {
                    String path = yamlPath(p.getParsingContext().pathAsPointer());
                    if (at.getLineNr() < line) {
                        before = path;
                    } else if (onLine == null || at.getColumnNr() <= column) {
                        onLine = path;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return onLine != null ? onLine : "after " + before;
        }
        return onLine != null ? onLine : "after " + before;
    }

    static String pathAt(byte[] bytes, int line) {
        return pathAt(bytes, line, Integer.MAX_VALUE);
    }

    private static int columnOf(String text, int index) {
        return index - text.lastIndexOf('\n', index - 1);
    }

    /** {@code /steps/0/output} as {@code steps[0].output}. */
    static String yamlPath(JsonPointer pointer) {
        StringBuilder sb = new StringBuilder();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.getMatchingIndex() >= 0 && p.getMatchingProperty().matches("\\d+")) {
                sb.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(p.getMatchingProperty());
            }
        }
        return sb.length() == 0 ? "(root)" : sb.toString();
    }
}
