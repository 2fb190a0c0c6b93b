package dev.trustline.ceremony.report;

import dev.trustline.ceremony.verify.AuditResult;
import dev.trustline.ceremony.verify.TranscriptAuditor;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.chain.ChainException;
import dev.trustline.core.chain.ChainVerifier;
import dev.trustline.core.chain.VerifiedChain;
import dev.trustline.core.files.NewFiles;
import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/ceremony report}: the printed record of a ceremony, from its transcript alone (and the output
 * files beside it for certificate details). A transcript whose chain does not verify is refused: paper
 * would lend it a credibility the file does not have.
 */
public final class CeremonyReport {
    public enum Format { PDF, HTML }

    private CeremonyReport() {
    }

    /** The format named by the output file's extension, or null if it is neither .pdf nor .html. */
    public static Format formatOf(Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".pdf") ? Format.PDF : name.endsWith(".html") || name.endsWith(".htm") ? Format.HTML : null;
    }

    /** Writes the report; returns the model it printed (tests compare it with the PDF's text). */
    public static ReportModel write(Path transcript, Path outputs, List<Path> rosters, Path out, Format format) throws TrustLineException {
        NewFiles.refuseExisting(out);
        VerifiedChain chain;
        byte[] bytes;
        try {
            chain = ChainVerifier.verify(transcript);
            bytes = Files.readAllBytes(transcript);
        } catch (ChainException e) {
            throw new TrustLineException("the transcript does not verify, so it is not printed: " + e.getMessage());
        } catch (IOException e) {
            throw new TrustLineException(transcript + ": cannot read: " + e.getMessage());
        }
        AuditResult audit = new TranscriptAuditor(transcript, outputs, rosters).audit();
        ReportModel model = TranscriptReading.read(chain, Digests.sha256Hex(bytes), outputs, audit);
        String html = ReportHtml.render(model);
        byte[] data;
        try {
            data = format == Format.PDF ? ReportPdf.render(html) : html.getBytes(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new TrustLineException("the PDF could not be rendered: " + e.getMessage());
        }
        NewFiles.writeNew(out, data, NewFiles.PUBLIC, "report");
        return model;
    }
}
