package dev.trustline.core.tls;

import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * A TLS client context from a PKCS#12 client certificate and the certificates trusted for the server: the factory
 * client in the signer module and the station module both connect to the signer with it.
 */
public final class ClientTls {
    private ClientTls() {
    }

    public static SSLContext context(Path stationP12, char[] password, List<X509CertificateHolder> trusted) throws TrustLineException {
        List<X509Certificate> certs = new java.util.ArrayList<>();
        try {
            for (X509CertificateHolder c : trusted) {
                certs.add(new JcaX509CertificateConverter().getCertificate(c));
            }
        } catch (GeneralSecurityException e) {
            throw new TrustLineException("cannot set up TLS: " + e.getMessage(), e);
        }
        return trusting(stationP12, password, certs);
    }

    /** The same from JDK certificates (see {@link PemCertificates}): no BouncyCastle class is loaded. */
    public static SSLContext trusting(Path stationP12, char[] password, List<X509Certificate> trusted) throws TrustLineException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(stationP12)) {
                ks.load(in, password);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            int i = 0;
            for (X509Certificate c : trusted) {
                ts.setCertificateEntry("trusted-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new TrustLineException("cannot open the station certificate " + stationP12 + ": wrong password or not PKCS#12");
        } catch (GeneralSecurityException e) {
            throw new TrustLineException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
