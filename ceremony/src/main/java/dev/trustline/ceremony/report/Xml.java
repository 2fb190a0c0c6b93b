package dev.trustline.ceremony.report;

/** Escaping for XHTML text and CSS strings; characters XML cannot hold become U+FFFD. */
final class Xml {
    private Xml() {
    }

    static String text(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.appendCodePoint(allowed(c) ? c : 0xFFFD);
            }
        });
        return out.toString();
    }

    /** A CSS string body: quotes and backslashes escaped, the result XML-escaped too (it sits in a style element). */
    static String cssString(String s) {
        return text(s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " "));
    }

    private static boolean allowed(int c) {
        return c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F && c < 0xD800) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
    }
}
