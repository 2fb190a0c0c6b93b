package dev.trustline.ceremony.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * XHTML to PDF with openhtmltopdf over PDFBox, in this JVM (no browser on the air-gapped machine). The text
 * font is Liberation Sans as shipped inside PDFBox, embedded, so names in any Latin script print as written.
 */
final class ReportPdf {
    /** Held so the logging settings below are not garbage-collected with their loggers. */
    private static final java.util.logging.Logger PDFBOX_LOG = java.util.logging.Logger.getLogger("org.apache.pdfbox");
    private static boolean fontsSet;

    private ReportPdf() {
    }

    static byte[] render(String xhtml) throws IOException {
        quiet();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder b = new PdfRendererBuilder();
        b.useFastMode();
        b.withHtmlContent(xhtml, null);
        for (int weight : new int[] {400, 700}) {
            b.useFont(BundledFontMapper::open, ReportHtml.FONT, weight, PdfRendererBuilder.FontStyle.NORMAL, true);
        }
        b.toStream(out);
        b.run();
        return out.toByteArray();
    }

    /** No font scan, no font cache in the home folder, no log lines on the officers' console. */
    private static synchronized void quiet() throws IOException {
        XRLog.setLoggingEnabled(false);
        PDFBOX_LOG.setLevel(java.util.logging.Level.OFF);
        if (!fontsSet) {
            org.apache.pdfbox.pdmodel.font.FontMappers.set(BundledFontMapper.load());
            fontsSet = true;
        }
    }
}
