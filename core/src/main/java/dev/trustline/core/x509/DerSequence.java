package dev.trustline.core.x509;

import java.util.Arrays;

/**
 * The two DER operations the issuing path needs on bytes it already holds: wrapping encoded elements in a SEQUENCE,
 * and finding the first element of a SEQUENCE (a certificate's TBS) without parsing the rest. Definite lengths only,
 * as DER requires. Pure.
 */
public final class DerSequence {
    private static final int SEQUENCE = 0x30;

    private DerSequence() {
    }

    /** SEQUENCE { elements... } for already DER-encoded elements. */
    public static byte[] of(byte[]... elements) {
        int length = 0;
        for (byte[] e : elements) {
            length += e.length;
        }
        byte[] header = header(length);
        byte[] out = Arrays.copyOf(header, header.length + length);
        int at = header.length;
        for (byte[] e : elements) {
            System.arraycopy(e, 0, out, at, e.length);
            at += e.length;
        }
        return out;
    }

    /**
     * True when {@code der} is one DER SEQUENCE spanning all its bytes whose first element is exactly {@code element}
     * (compared byte for byte).
     */
    public static boolean startsWith(byte[] der, byte[] element) {
        int[] outer = tagAndLength(der, 0);
        if (outer == null || der[0] != SEQUENCE || outer[0] + outer[1] != der.length) {
            return false;
        }
        int from = outer[0];
        int[] inner = tagAndLength(der, from);
        if (inner == null || inner[0] - from + inner[1] != element.length || from + element.length > der.length) {
            return false;
        }
        return Arrays.equals(der, from, from + element.length, element, 0, element.length);
    }

    /** {end of the tag and length octets, content length} of the element at {@code at}, or null if malformed. */
    private static int[] tagAndLength(byte[] der, int at) {
        if (at + 2 > der.length || (der[at] & 0x1f) == 0x1f) {
            return null;
        }
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return new int[] {at + 2, first};
        }
        int octets = first & 0x7f;
        if (octets == 0 || octets > 3 || at + 2 + octets > der.length || der[at + 2] == 0) {
            return null;
        }
        int length = 0;
        for (int i = 0; i < octets; i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        return length < 0x80 ? null : new int[] {at + 2 + octets, length};
    }

    private static byte[] header(int length) {
        if (length < 0x80) {
            return new byte[] {SEQUENCE, (byte) length};
        }
        if (length < 0x100) {
            return new byte[] {SEQUENCE, (byte) 0x81, (byte) length};
        }
        if (length < 0x10000) {
            return new byte[] {SEQUENCE, (byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        if (length >= 0x1000000) {
            throw new IllegalArgumentException("a SEQUENCE of " + length + " bytes is beyond what the issuing path builds");
        }
        return new byte[] {SEQUENCE, (byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }
}
