package dev.trustline.ceremony.report;

import java.io.IOException;
import java.io.InputStream;
import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * Maps every font PDFBox would look up on the system to the Liberation Sans shipped inside PDFBox, so a
 * report renders the same on any machine and PDFBox never scans the system's fonts or writes a font cache
 * in the user's home (it would, for the standard 14 fonts openhtmltopdf registers).
 */
final class BundledFontMapper implements FontMapper {
    static final String RESOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private final TrueTypeFont font;

    private BundledFontMapper(TrueTypeFont font) {
        this.font = font;
    }

    static BundledFontMapper load() throws IOException {
        try (InputStream in = open()) {
            return new BundledFontMapper(new TTFParser().parse(new RandomAccessReadBuffer(in)));
        }
    }

    static InputStream open() {
        InputStream in = BundledFontMapper.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the PDF font is missing from the classpath: " + RESOURCE);
        }
        return in;
    }

    @Override
    public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor descriptor) {
        return new FontMapping<>(font, true);
    }

    @Override
    public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor descriptor) {
        return new FontMapping<>(font, true);
    }

    @Override
    public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor descriptor, PDCIDSystemInfo info) {
        return new CIDFontMapping(null, font, true);
    }
}
