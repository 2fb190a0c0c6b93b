package dev.trustline.signer.issuance;

/**
 * What a text field of a batch line may hold before it is stored, written to the ledger or put in a
 * message: well-formed UTF-16 (no lone surrogate), no control character (C0, DEL, C1), no U+FFFD
 * (what invalid UTF-8 became on decoding) and no Unicode non-character. Pure.
 */
public final class LineText {
    private LineText() {
    }

    /** The first thing wrong with {@code s}, or null when it is clean. {@code allowLineBreaks} for PEM text. */
    public static String problem(String s, boolean allowLineBreaks) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = s.codePointAt(i++);
                if ((cp & 0xFFFE) == 0xFFFE) {
                    return "a Unicode non-character";
                }
            } else if (Character.isSurrogate(c)) {
                return "a lone UTF-16 surrogate";
            } else if (Character.isISOControl(c) && !(allowLineBreaks && (c == '\n' || c == '\r' || c == '\t'))) {
                return c == 0 ? "a NUL character" : "a control character";
            } else if (c == '\uFFFD') {
                return "invalid UTF-8 (or U+FFFD)";
            } else if ((c >= '\uFDD0' && c <= '\uFDEF') || c == '\uFFFE' || c == '\uFFFF') {
                return "a Unicode non-character";
            }
        }
        return null;
    }

    public static boolean isClean(String s) {
        return s != null && problem(s, false) == null;
    }

    /** {@code s} with every character that is not clean shown as a \\uXXXX escape: safe in any message. */
    public static String printable(String s) {
        if (s == null || isClean(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            String one = pair ? s.substring(i, i + 2) : String.valueOf(c);
            if (problem(one, false) == null) {
                b.append(one);
            } else {
                for (char x : one.toCharArray()) {
                    b.append(String.format("\\u%04X", (int) x));
                }
            }
            i += pair ? 1 : 0;
        }
        return b.toString();
    }
}
