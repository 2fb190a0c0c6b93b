package dev.trustline.station.signer;

import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The station's TLS context: its client certificate (PKCS#12) and the certificates it trusts for the
 * signer, built by core's {@link dev.trustline.core.tls.ClientTls} like the signer module's factory client.
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
        return dev.trustline.core.tls.ClientTls.context(stationP12, password, trusted);
    }
}
