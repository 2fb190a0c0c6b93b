package dev.trustline.ceremony.report;

import dev.trustline.ceremony.report.ReportModel.Block;
import dev.trustline.ceremony.report.ReportModel.Row;
import dev.trustline.ceremony.report.ReportModel.Section;
import dev.trustline.ceremony.report.ReportModel.Signatory;
import java.util.List;

/**
 * The report as one XHTML document (well-formed XML, so the PDF renderer can read it): an A4 print
 * stylesheet, the cover, one section per step, the exceptions, the closing and the sign-off blocks.
 */
final class ReportHtml {
    static final String FONT = "TrustLine Sans";

    private static final String CSS = """
            @page { size: A4; margin: 18mm 16mm 20mm 16mm;
              @bottom-left { content: "%s"; font-family: '%s'; font-size: 7.5pt; color: #444; }
              @bottom-right { content: "page " counter(page) " of " counter(pages); font-family: '%s'; font-size: 7.5pt; color: #444; } }
            body { font-family: '%s', sans-serif; font-size: 9pt; color: #000; }
            h1 { font-size: 18pt; margin: 0 0 4mm 0; }
            h2 { font-size: 12.5pt; margin: 6mm 0 2mm 0; border-bottom: 1.2pt solid #000; padding-bottom: 1mm;
                 page-break-after: avoid; }
            h3 { font-size: 9.5pt; margin: 0; }
            .cover { page-break-after: always; }
            .note { font-size: 8.5pt; margin: 2mm 0 4mm 0; }
            table { width: 100%%; border-collapse: collapse; }
            td { vertical-align: top; padding: 0.8mm 1.5mm; border-bottom: 0.4pt solid #bbb; }
            td.label { width: 33%%; color: #333; }
            .mono { font-family: '%s'; font-size: 8pt; letter-spacing: 0.2pt; white-space: pre-wrap; word-wrap: break-word; }
            .block { page-break-inside: avoid; margin: 0 0 3mm 0; border: 0.6pt solid #666; }
            .block-head { background-color: #e8e8e8; padding: 1mm 1.5mm; }
            .block-head span { float: right; font-size: 8pt; }
            .exception .block-head { background-color: #ffd9d9; }
            .signoff { page-break-inside: avoid; margin: 0 0 5mm 0; border: 0.8pt solid #000; }
            .signoff td { height: 9mm; border-bottom: 0.4pt solid #000; }
            """;

    private ReportHtml() {
    }

    static String render(ReportModel m) {
        StringBuilder h = new StringBuilder(32_000);
        String footer = Xml.cssString("TrustLine ceremony " + m.title());
        h.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>")
                .append("<meta charset=\"UTF-8\" /><title>Ceremony report: ").append(Xml.text(m.title())).append("</title><style>")
                .append(CSS.formatted(footer, FONT, FONT, FONT, FONT)).append("</style></head>\n<body>\n");
        cover(h, m);
        for (Section s : m.sections()) {
            h.append("<h2>").append(Xml.text(s.heading())).append("</h2>\n");
            s.blocks().forEach(b -> block(h, b, b.heading().equals("CEREMONY ABORTED") || isException(m, b)));
        }
        h.append("<h2>Exceptions</h2>\n");
        if (m.exceptions().isEmpty()) {
            h.append("<p class=\"note\">None: no abort, declined confirmation, failed lint, failed card unlock or output mismatch was recorded.</p>\n");
        }
        m.exceptions().forEach(b -> block(h, b, true));
        h.append("<h2>Closing</h2>\n");
        rows(h, m.closing());
        signoff(h, m);
        return h.append("</body>\n</html>\n").toString();
    }

    private static boolean isException(ReportModel m, Block b) {
        return m.exceptions().contains(b);
    }

    private static void cover(StringBuilder h, ReportModel m) {
        h.append("<div class=\"cover\"><h1>Key ceremony record: ").append(Xml.text(m.title())).append("</h1>\n")
                .append("<p class=\"note\">Printed from the hash-chained transcript. Compare every hash and its PGP words with ")
                .append("the screen and the paper log; each participant signs the last pages.</p>\n");
        rows(h, m.cover());
        h.append("</div>\n");
    }

    private static void block(StringBuilder h, Block b, boolean exception) {
        h.append("<div class=\"block").append(exception ? " exception" : "").append("\"><div class=\"block-head\"><span>entry ")
                .append(Xml.text(b.seq())).append(" · ").append(Xml.text(b.time())).append("</span><h3>")
                .append(Xml.text(b.heading())).append("</h3></div>");
        rows(h, b.rows());
        h.append("</div>\n");
    }

    private static void rows(StringBuilder h, List<Row> rows) {
        h.append("<table>");
        for (Row r : rows) {
            h.append("<tr><td class=\"label\">").append(Xml.text(r.label())).append("</td><td")
                    .append(r.mono() ? " class=\"mono\"" : "").append(">").append(Xml.text(r.value())).append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private static void signoff(StringBuilder h, ReportModel m) {
        h.append("<h2 style=\"page-break-before: always\">Sign-off</h2>\n<p class=\"note\">By signing I confirm that I was present, ")
                .append("that this record matches what I saw, and that the chain head below matches the one on the screen and the paper log.</p>\n");
        rows(h, m.closing().stream().filter(r -> r.label().startsWith("chain head")).toList());
        h.append("<p></p>\n");
        for (Signatory p : m.signatories()) {
            h.append("<div class=\"signoff\"><table><tr><td class=\"label\">name</td><td>").append(Xml.text(p.name()))
                    .append("</td></tr><tr><td class=\"label\">role</td><td>").append(Xml.text(p.role()))
                    .append("</td></tr><tr><td class=\"label\">signature</td><td></td></tr><tr><td class=\"label\">date</td><td></td></tr></table></div>\n");
        }
    }
}
