package dev.trustline.core.tls;

import dev.trustline.core.TrustLineException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Certificates from a PEM file with the JDK alone, for the factory clients: they start once per batch, and parsing
 * a trust file with BouncyCastle cost each run the verification of BouncyCastle's signed jars (~0.1 CPU-s).
 * Accepts only CERTIFICATE blocks; anything else, or a file without one, is refused naming the file and line.
 */
public final class PemCertificates {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";

    private PemCertificates() {
    }

    public static List<X509Certificate> read(Path file) throws TrustLineException {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new TrustLineException("cannot read " + file + ": " + dev.trustline.core.IoReason.of(e), e);
        }
    }

    static List<X509Certificate> parse(List<String> lines, String source) throws TrustLineException {
        List<X509Certificate> out = new ArrayList<>();
        StringBuilder body = null;
        int begun = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (body == null && l.startsWith(BEGIN)) {
                if (!l.equals(BEGIN + "CERTIFICATE-----")) {
                    throw new TrustLineException(source + " line " + (i + 1) + ": not a certificate (" + l + ")");
                }
                body = new StringBuilder();
                begun = i + 1;
            } else if (body != null && l.startsWith(END)) {
                if (!l.equals(END + "CERTIFICATE-----")) {
                    throw new TrustLineException(source + " line " + (i + 1) + ": the certificate begun on line " + begun + " ends with " + l);
                }
                out.add(certificate(body.toString(), source, begun));
                body = null;
            } else if (body != null) {
                body.append(l);
            }
        }
        if (body != null) {
            throw new TrustLineException(source + " line " + begun + ": the certificate begun there has no END line");
        }
        if (out.isEmpty()) {
            throw new TrustLineException(source + ": no certificate in it (expected PEM CERTIFICATE blocks)");
        }
        return out;
    }

    private static X509Certificate certificate(String base64, String source, int line) throws TrustLineException {
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException e) {
            throw new TrustLineException(source + " line " + line + ": not a valid certificate");
        }
    }
}
