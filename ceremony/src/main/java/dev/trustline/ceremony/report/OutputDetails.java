package dev.trustline.ceremony.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustline.ceremony.report.ReportModel.Row;
import dev.trustline.ceremony.steps.ExtensionText;
import dev.trustline.core.x509.Digests;
import dev.trustline.core.x509.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What an output file holds, read from beside the transcript and used only when its SHA-256 is the one
 * the transcript recorded: validity and extensions of a certificate, updates and entries of a CRL.
 */
final class OutputDetails {
    private final Path dir;

    OutputDetails(Path dir) {
        this.dir = dir;
    }

    /** The rows to add under the output entry, or a problem (missing or different file) as the only row. */
    Result of(JsonNode output) {
        Path file = dir.resolve(output.path("file").asText());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return new Result(List.of(), "file " + output.path("file").asText() + " is not beside the transcript; details not shown");
        }
        if (!Digests.sha256Hex(bytes).equals(output.path("sha256").asText())) {
            return new Result(List.of(), "file " + output.path("file").asText() + " does not match the SHA-256 the transcript recorded");
        }
        try {
            return switch (output.path("format").asText()) {
                case "certificate" -> new Result(certificate(Pem.parseCertificates(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII), output.path("file").asText()).get(0)), null);
                case "crl" -> new Result(crl(crlOf(bytes)), null);
                default -> new Result(List.of(), null);
            };
        } catch (IOException | dev.trustline.core.TrustLineException | RuntimeException e) {
            return new Result(List.of(), "file " + output.path("file").asText() + " cannot be read as " + output.path("format").asText());
        }
    }

    /** A CRL file as the ceremony writes it (PEM), or DER. */
    private static X509CRLHolder crlOf(byte[] bytes) throws IOException {
        String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
        if (text.startsWith("-----BEGIN X509 CRL-----")) {
            try (var r = new org.bouncycastle.util.io.pem.PemReader(new java.io.StringReader(text))) {
                return new X509CRLHolder(r.readPemObject().getContent());
            }
        }
        return new X509CRLHolder(bytes);
    }

    record Result(List<Row> rows, String problem) {
    }

    private static List<Row> certificate(X509CertificateHolder c) {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.text("valid from", c.getNotBefore().toInstant().toString()));
        rows.add(Row.text("valid until", c.getNotAfter().toInstant().toString()));
        rows.add(Row.text("signature algorithm", c.getSignatureAlgorithm().getAlgorithm().getId()));
        extensions(c.getExtensions(), rows);
        return rows;
    }

    private static List<Row> crl(X509CRLHolder crl) {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.text("this update", crl.toASN1Structure().getThisUpdate().getDate().toInstant().toString()));
        rows.add(Row.text("next update", crl.getNextUpdate() == null ? "(none)" : crl.getNextUpdate().toInstant().toString()));
        for (Object o : crl.getRevokedCertificates()) {
            var entry = (org.bouncycastle.cert.X509CRLEntryHolder) o;
            rows.add(Row.mono("revoked serial", dev.trustline.core.x509.Serials.hex(entry.getSerialNumber()) + " at "
                    + entry.getRevocationDate().toInstant() + reason(entry)));
        }
        extensions(crl.getExtensions(), rows);
        return rows;
    }

    private static String reason(org.bouncycastle.cert.X509CRLEntryHolder entry) {
        Extensions exts = entry.getExtensions();
        if (exts == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
            s.append("; ").append(ExtensionText.name(oid)).append(": ").append(ExtensionText.describe(exts.getExtension(oid)));
        }
        return s.toString();
    }

    private static void extensions(Extensions exts, List<Row> rows) {
        if (exts == null) {
            return;
        }
        for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
            Extension e = exts.getExtension(oid);
            rows.add(Row.text(ExtensionText.name(oid) + (e.isCritical() ? " (critical)" : ""), ExtensionText.describe(e)));
        }
    }
}
