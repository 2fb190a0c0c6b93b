package dev.trustline.station.signer;

import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * The station's TLS context: its client certificate (PKCS#12) and the certificates it trusts for the
 * signer (the same as the signer module's factory client; the station module depends on core only).
 */
public final class StationTls {
    private StationTls() {
    }

    /** The station's name as the signer sees it: the CN of the PKCS#12's certificate. */
    public static String stationName(Path stationP12, char[] password) throws TrustLineException {
        try (InputStream in = Files.newInputStream(stationP12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            for (String alias : java.util.Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    var cert = (java.security.cert.X509Certificate) ks.getCertificate(alias);
                    var name = new org.bouncycastle.asn1.x500.X500Name(cert.getSubjectX500Principal().getName("RFC2253"));
                    var cn = name.getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN);
                    if (cn.length == 1) {
                        return org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(cn[0].getFirst().getValue());
                    }
                }
            }
            throw new TrustLineException(stationP12 + " holds no client certificate with a CN");
        } catch (IOException e) {
            throw new TrustLineException("cannot open the station certificate " + stationP12 + ": wrong password or not PKCS#12");
        } catch (GeneralSecurityException e) {
            throw new TrustLineException("cannot read the station certificate " + stationP12 + ": " + e.getMessage(), e);
        }
    }

    public static SSLContext context(Path stationP12, char[] password, List<X509CertificateHolder> trusted) throws TrustLineException {
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
            for (X509CertificateHolder c : trusted) {
                ts.setCertificateEntry("trusted-" + i++, new JcaX509CertificateConverter().getCertificate(c));
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
