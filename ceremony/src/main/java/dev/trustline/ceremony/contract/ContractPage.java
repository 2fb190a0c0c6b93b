package dev.trustline.ceremony.contract;

import dev.trustline.ceremony.contract.Contract.Row;
import dev.trustline.ceremony.contract.Contract.Section;

/** Renders a {@link Contract} as one self-contained XHTML page or as Markdown. */
public final class ContractPage {
    private ContractPage() {
    }

    public static String html(Contract c) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head><meta charset=\"utf-8\"/>")
                .append("<title>").append(esc(c.title())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:60em;margin:2em auto;font-size:14px}")
                .append("table{border-collapse:collapse;width:100%;margin-bottom:1em}td{border:1px solid #ccc;padding:4px 8px;vertical-align:top}")
                .append("td.l{width:14em;color:#444}code{font-size:13px}h2{font-size:16px;margin-top:1.2em}")
                .append("</style></head>\n<body>\n<h1>").append(esc(c.title())).append("</h1>\n<p>").append(esc(c.subtitle())).append("</p>\n");
        for (Section s : c.sections()) {
            b.append("<h2>").append(esc(s.title())).append("</h2>\n<table>\n");
            for (Row r : s.rows()) {
                String v = r.code() ? "<code>" + esc(r.value()) + "</code>" : esc(r.value());
                b.append("<tr><td class=\"l\">").append(esc(r.label())).append("</td><td>").append(v).append("</td></tr>\n");
            }
            b.append("</table>\n");
            if (s.note() != null) {
                b.append("<p>").append(esc(s.note())).append("</p>\n");
            }
        }
        return b.append("</body>\n</html>\n").toString();
    }

    public static String markdown(Contract c) {
        StringBuilder b = new StringBuilder("# ").append(c.title()).append("\n\n").append(c.subtitle()).append("\n");
        for (Section s : c.sections()) {
            b.append("\n## ").append(s.title()).append("\n\n| | |\n|---|---|\n");
            for (Row r : s.rows()) {
                String v = r.code() ? "`" + r.value().replace("`", "'") + "`" : r.value();
                b.append("| ").append(cell(r.label())).append(" | ").append(cell(v)).append(" |\n");
            }
            if (s.note() != null) {
                b.append("\n").append(s.note()).append("\n");
            }
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
