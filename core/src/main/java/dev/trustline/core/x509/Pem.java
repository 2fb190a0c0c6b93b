package dev.trustline.core.x509;

import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM reading and writing for certificates and CSRs. */
public final class Pem {
    private Pem() {
    }

    private static final java.util.Base64.Encoder LINES =
            java.util.Base64.getMimeEncoder(64, new byte[] {'\n'});

    /**
     * One PEM block of DER {@code der} with the label {@code label} (e.g. CERTIFICATE): 64-character lines and
     * "\n" line ends, the bytes BouncyCastle's PemWriter writes, without its object encoding on the issuing path.
     */
    public static String encode(String label, byte[] der) {
        String body = LINES.encodeToString(der);
        StringBuilder sb = new StringBuilder(body.length() + 2 * label.length() + 40);
        sb.append("-----BEGIN ").append(label).append("-----\n").append(body);
        if (!body.isEmpty()) {
            sb.append('\n');
        }
        return sb.append("-----END ").append(label).append("-----\n").toString();
    }

    public static String encode(Object... objects) {
        StringWriter sw = new StringWriter();
        try (PemWriter w = new PemWriter(sw)) {
            for (Object o : objects) {
                w.writeObject(new JcaMiscPEMGenerator(o));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode PEM", e);
        }
        return sw.toString();
    }

    public static X509CertificateHolder certificate(Path file) throws TrustLineException {
        List<X509CertificateHolder> certs = certificates(file);
        if (certs.size() != 1) {
            throw new TrustLineException(file + ": expected one PEM certificate, found " + certs.size());
        }
        return certs.get(0);
    }

    public static List<X509CertificateHolder> certificates(Path file) throws TrustLineException {
        try {
            return parseCertificates(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new TrustLineException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<X509CertificateHolder> parseCertificates(String pem, String source) throws TrustLineException {
        List<X509CertificateHolder> out = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (!(o instanceof X509CertificateHolder cert)) {
                    throw new TrustLineException(source + ": not a certificate: " + o.getClass().getSimpleName());
                }
                out.add(cert);
            }
        } catch (IOException e) {
            throw new TrustLineException(source + ": not valid PEM (" + e.getMessage() + ")", e);
        }
        return out;
    }
}
