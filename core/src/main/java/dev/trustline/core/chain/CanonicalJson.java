package dev.trustline.core.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The canonical JSON encoding of the hash chain, chosen so that {@code jq -cS .} (jq 1.6 and
 * later) prints exactly the same bytes:
 *
 * <ul>
 *   <li>no insignificant whitespace; object members sorted by key in Unicode code point order
 *       (the same as UTF-8 byte order) at every depth; array order kept;
 *   <li>strings as UTF-8, not escaped except: {@code "} and {@code \} as {@code \"} and
 *       {@code \\}; U+0008, U+0009, U+000A, U+000C, U+000D as {@code \b \t \n \f \r}; every other
 *       character below U+0020 and U+007F (DEL) as "&#92;u00XX" with lower-case hex. {@code /}
 *       is not escaped. Unpaired surrogates are refused;
 *   <li>values are objects, arrays, strings, {@code true}/{@code false} and integers in
 *       [-(2^53-1), 2^53-1] in plain decimal (jq holds numbers as doubles). Floating point
 *       numbers (even {@code 1.0}), larger integers and {@code null} are refused.
 * </ul>
 */
public final class CanonicalJson {

    /** The largest integer jq (which holds numbers as IEEE doubles) prints exactly. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final BigInteger MAX = BigInteger.valueOf(MAX_SAFE_INTEGER);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /**
     * The canonical UTF-8 bytes of {@code node}.
     *
     * @throws IllegalArgumentException naming the JSON pointer of the first value that has no
     *     canonical form (floating point number, integer out of range, null, binary, unpaired
     *     surrogate)
     */
    public static byte[] encode(JsonNode node) {
        return encodeToString(node).getBytes(StandardCharsets.UTF_8);
    }

    /** {@link #encode} as a string. */
    public static String encodeToString(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, Pointer.ROOT, out);
        return out.toString();
    }

    /** Lower-case hex SHA-256 of {@code data}. */
    public static String sha256Hex(byte[] data) {
        return dev.trustline.core.digest.Sha256.hex(data);
    }

    private static void write(JsonNode node, Pointer path, StringBuilder out) {
        if (node.isObject()) {
            writeObject(node, path, out);
        } else if (node.isArray()) {
            writeArray(node, path, out);
        } else if (node.isTextual()) {
            writeString(node.textValue(), path, out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            long v = node.longValue();
            if (v < -MAX_SAFE_INTEGER || v > MAX_SAFE_INTEGER) {
                writeInteger(node.bigIntegerValue(), path, out); // refuses it with the message
            }
            out.append(v);
        } else if (node.isIntegralNumber()) {
            writeInteger(node.bigIntegerValue(), path, out);
        } else {
            throw unsupported(node, path);
        }
    }

    private static IllegalArgumentException unsupported(JsonNode node, Pointer path) {
        String what = node.isFloatingPointNumber() ? "floating point number " + node.asText()
                : node.isNull() ? "null" : node.getNodeType().name().toLowerCase(Locale.ROOT);
        return new IllegalArgumentException(
                "value at '" + path + "' is a " + what + "; only objects, arrays, strings, booleans"
                        + " and integers are allowed");
    }

    private static void writeObject(JsonNode node, Pointer path, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
        members.sort((a, b) -> compareCodePoints(a.getKey(), b.getKey()));
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            Map.Entry<String, JsonNode> member = members.get(i);
            Pointer childPath = new Pointer(path, member.getKey());
            out.append(i == 0 ? "" : ",");
            writeString(member.getKey(), childPath, out);
            out.append(':');
            write(member.getValue(), childPath, out);
        }
        out.append('}');
    }

    private static void writeArray(JsonNode node, Pointer path, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            out.append(i == 0 ? "" : ",");
            write(node.get(i), new Pointer(path, Integer.toString(i)), out);
        }
        out.append(']');
    }

    private static void writeInteger(BigInteger value, Pointer path, StringBuilder out) {
        if (value.abs().compareTo(MAX) > 0) {
            throw new IllegalArgumentException("value at '" + path + "' is the integer " + value
                    + ", outside [-(2^53-1), 2^53-1]");
        }
        out.append(value);
    }

    private static void writeString(String s, Pointer path, StringBuilder out) {
        out.append('"');
        if (isPlain(s)) { // the common case (hex, base64, ids): appended as it is
            out.append(s);
        } else {
            writeEscaped(s, path, out);
        }
        out.append('"');
    }

    /** True when no character of {@code s} needs escaping: printable ASCII other than '"' and '\\'. */
    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static void writeEscaped(String s, Pointer path, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c) && !isPairAt(s, i)) {
                throw new IllegalArgumentException(
                        "string at '" + path + "' has an unpaired surrogate at index " + i);
            }
            if (Character.isHighSurrogate(c)) {
                out.append(c).append(s.charAt(++i));
            } else {
                appendChar(c, out);
            }
        }
    }

    private static boolean isPairAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private static void appendChar(char c, StringBuilder out) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\b' -> out.append("\\b");
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case '\f' -> out.append("\\f");
            case '\r' -> out.append("\\r");
            default -> appendPlain(c, out);
        }
    }

    private static void appendPlain(char c, StringBuilder out) {
        if (c < 0x20 || c == 0x7f) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
        } else {
            out.append(c);
        }
    }

    /**
     * Orders strings by Unicode code point, which for valid strings is UTF-8 byte order. UTF-16 code unit order
     * (String.compareTo) differs from it only where a surrogate meets a unit in U+E000..U+FFFF, so the first
     * differing units are compared after moving surrogates above that range (the usual fix-up, as in ICU's
     * code point order comparison).
     */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Integer.compare(codePointOrder(x), codePointOrder(y));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int codePointOrder(char c) {
        if (c >= 0xe000) {
            return c - 0x800;
        }
        return Character.isSurrogate(c) ? c + 0x2000 : c;
    }

    /** A JSON pointer, built into text only for an error message. */
    private record Pointer(Pointer parent, String token) {
        static final Pointer ROOT = new Pointer(null, null);

        @Override
        public String toString() {
            return parent == null ? "" : parent + "/" + token.replace("~", "~0").replace("/", "~1");
        }
    }
}
