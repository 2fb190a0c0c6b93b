package dev.trustline.ceremony.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.verify.TranscriptAuditor.AuditFailure;
import dev.trustline.core.chain.ChainEntry;
import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

/** Checks one output entry against its file: present, same SHA-256, parses, and says what the entry says. */
final class OutputCheck {
    private final Path dir;

    OutputCheck(Path dir) {
        this.dir = dir;
    }

    /** The parsed output (certificate, CRL or public key). */
    Object check(ChainEntry e) throws AuditFailure {
        ObjectNode p = e.payload();
        String name = p.path("file").asText();
        if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            throw new AuditFailure(e, "output entry names no plain file");
        }
        byte[] bytes = read(e, name);
        if (!Digests.sha256Hex(bytes).equals(p.path("sha256").asText())) {
            throw new AuditFailure(e, "output " + name + ": SHA-256 differs from the transcript (the file was changed)");
        }
        String format = p.path("format").asText();
        if (format.equals("policy") || format.equals("policy-signature") || format.equals("token-listing")) {
            return bytes;
        }
        Object parsed = parse(e, name, bytes);
        if (parsed instanceof X509CertificateHolder cert) {
            checkCertificate(e, name, cert);
        }
        return parsed;
    }

    private byte[] read(ChainEntry e, String name) throws AuditFailure {
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (NoSuchFileException ex) {
            throw new AuditFailure(e, "output " + name + " is missing from " + dir);
        } catch (IOException ex) {
            throw new AuditFailure(e, "output " + name + " cannot be read: " + ex.getMessage());
        }
    }

    private static Object parse(ChainEntry e, String name, byte[] bytes) throws AuditFailure {
        try (PEMParser parser = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
            Object o = parser.readObject();
            if (o == null) {
                throw new AuditFailure(e, "output " + name + " holds no PEM object");
            }
            return o;
        } catch (IOException | RuntimeException ex) {
            throw new AuditFailure(e, "output " + name + " does not parse: " + ex.getMessage());
        }
    }

    private static void checkCertificate(ChainEntry e, String name, X509CertificateHolder cert) throws AuditFailure {
        ObjectNode p = e.payload();
        try {
            if (!Digests.sha256Hex(cert.getEncoded()).equals(p.path("fingerprint-sha256").asText())) {
                throw new AuditFailure(e, "output " + name + ": certificate fingerprint differs from the transcript");
            }
        } catch (IOException ex) {
            throw new AuditFailure(e, "output " + name + " cannot be re-encoded");
        }
        if (!cert.getSubject().toString().equals(p.path("subject").asText())
                || !dev.trustline.core.x509.Serials.hex(cert.getSerialNumber()).equals(p.path("serial").asText())) {
            throw new AuditFailure(e, "output " + name + ": subject or serial differs from the transcript");
        }
    }
}
