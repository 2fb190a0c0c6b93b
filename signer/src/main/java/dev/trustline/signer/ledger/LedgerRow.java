package dev.trustline.signer.ledger;

import dev.trustline.core.chain.CanonicalJson;
import java.nio.charset.StandardCharsets;

/**
 * One ledger entry in its stored and exported form: the chain fields as text, the payload
 * already in canonical JSON. The hash is the SHA-256 of
 * {@code {"payload":P,"prev":"..","seq":N,"time":"..","type":".."}} (the canonical encoding of
 * the entry without {@code hash}, exactly as {@code core.chain.ChainEntry} computes it), built
 * here by concatenation so a payload is encoded once. Only {@link ChainCheck} may be trusted to
 * say a row read from outside is well-formed.
 *
 * @param seq position, from 0
 * @param time {@code 2026-11-25T10:31:02.123Z}
 * @param type lower-case kebab-case entry type
 * @param payload canonical JSON object text
 * @param prev previous entry's hash (64 zeros for entry 0)
 * @param hash this entry's hash
 */
public record LedgerRow(long seq, String time, String type, String payload, String prev,
        String hash) {

    /** A new row with its hash computed; the payload encoded once. */
    public static LedgerRow create(long seq, String time, Payload payload, String prev) {
        String text = payload.canonical();
        String hash = hashOf(seq, time, payload.type(), text, prev);
        return new LedgerRow(seq, time, payload.type(), text, prev, hash);
    }

    /** The hash the other fields call for. */
    public String computeHash() {
        return hashOf(seq, time, type, payload, prev);
    }

    /** The export line: the canonical JSON of the whole entry, then "\n". */
    public String line() {
        return "{\"hash\":\"" + hash + "\"," + content(seq, time, type, payload, prev).substring(1)
                + "\n";
    }

    private static String hashOf(long seq, String time, String type, String payload,
            String prev) {
        return CanonicalJson.sha256Hex(content(seq, time, type, payload, prev)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String content(long seq, String time, String type, String payload,
            String prev) {
        return "{\"payload\":" + payload + ",\"prev\":\"" + prev + "\",\"seq\":" + seq
                + ",\"time\":\"" + time + "\",\"type\":\"" + type + "\"}";
    }
}
