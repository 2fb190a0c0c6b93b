package dev.trustline.signer.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict reading of one payload object: each field read once with its type checked, and
 * {@link #done()} refuses any field nobody read. Problems name the entry and the field.
 */
final class Fields {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final long seq;
    private final String type;
    private final ObjectNode json;
    private final Set<String> read = new HashSet<>();

    Fields(long seq, String type, ObjectNode json) {
        this.seq = seq;
        this.type = type;
        this.json = json;
    }

    String text(String name) throws LedgerProblem {
        JsonNode n = field(name);
        if (n == null || !n.isTextual()) {
            throw bad(name, "must be a string");
        }
        return n.textValue();
    }

    String optText(String name) throws LedgerProblem {
        return json.has(name) ? text(name) : null;
    }

    String hex(String name) throws LedgerProblem {
        String v = text(name);
        if (!HEX.matcher(v).matches()) {
            throw bad(name, "must be lower-case hexadecimal");
        }
        return v;
    }

    String sha256(String name) throws LedgerProblem {
        String v = text(name);
        if (!SHA256.matcher(v).matches()) {
            throw bad(name, "must be 64 lower-case hex digits");
        }
        return v;
    }

    String optSha256(String name) throws LedgerProblem {
        return json.has(name) ? sha256(name) : null;
    }

    long integer(String name) throws LedgerProblem {
        JsonNode n = field(name);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw bad(name, "must be an integer");
        }
        return n.longValue();
    }

    int positive(String name) throws LedgerProblem {
        long v = integer(name);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw bad(name, "must be a positive integer");
        }
        return (int) v;
    }

    boolean bool(String name) throws LedgerProblem {
        JsonNode n = field(name);
        if (!n.isBoolean()) {
            throw bad(name, "must be true or false");
        }
        return n.booleanValue();
    }

    Boolean optBool(String name) throws LedgerProblem {
        if (!json.has(name)) {
            return null;
        }
        JsonNode n = field(name);
        if (!n.isBoolean()) {
            throw bad(name, "must be true or false");
        }
        return n.booleanValue();
    }

    byte[] base64(String name) throws LedgerProblem {
        String v = text(name);
        try {
            byte[] bytes = Base64.getDecoder().decode(v);
            if (bytes.length == 0 || !Base64.getEncoder().encodeToString(bytes).equals(v)) {
                throw bad(name, "must be non-empty padded base64");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw bad(name, "must be base64");
        }
    }

    boolean has(String name) {
        return json.has(name);
    }

    JsonNode any(String name) throws LedgerProblem {
        return field(name);
    }

    JsonNode array(String name) throws LedgerProblem {
        JsonNode n = field(name);
        if (n == null || !n.isArray()) {
            throw bad(name, "must be an array");
        }
        return n;
    }

    /** @throws LedgerProblem naming the first field no reader asked for */
    void done() throws LedgerProblem {
        for (Iterator<String> it = json.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!read.contains(name)) {
                throw new LedgerProblem(seq, "ledger entry " + seq + ": " + type
                        + " entry has unknown field " + name);
            }
        }
    }

    LedgerProblem bad(String name, String why) {
        return new LedgerProblem(seq, "ledger entry " + seq + ": " + type + " entry field "
                + name + " " + why);
    }

    private JsonNode field(String name) throws LedgerProblem {
        read.add(name);
        JsonNode n = json.get(name);
        if (n == null) {
            throw bad(name, "is missing");
        }
        return n;
    }
}
