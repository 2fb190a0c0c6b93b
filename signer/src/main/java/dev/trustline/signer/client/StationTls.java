package dev.trustline.signer.client;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.tls.ClientTls;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.bouncycastle.cert.X509CertificateHolder;

/** The station's TLS context: its client certificate (PKCS#12) and the certificates it trusts for the signer. */
public final class StationTls {
    private StationTls() {
    }

    public static SSLContext context(Path stationP12, char[] password, List<X509CertificateHolder> trusted) throws TrustLineException {
        return ClientTls.context(stationP12, password, trusted);
    }

    /**
     * The same from files, with the JDK alone ({@code submit} starts once per batch: no BouncyCastle class, whose
     * signed jars cost every run their verification).
     */
    public static SSLContext fromFiles(Path stationP12, char[] password, Path trustPem) throws TrustLineException {
        return ClientTls.trusting(stationP12, password, dev.trustline.core.tls.PemCertificates.read(trustPem));
    }
}
