package dev.trustline.signer.tls;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.x509.Bc;
import dev.trustline.core.x509.Pem;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * The station CA's CRL as the signer enforces it: loaded at start (a bad or foreign CRL stops the
 * start), and re-read when the file changes (checked at most once a second); a CRL that fails to
 * verify on reload is logged and the previous one kept. Thread-safe.
 */
public final class StationCrl {
    private static final System.Logger LOG = System.getLogger("dev.trustline.signer.tls");
    private final Path file;
    private final X509CertificateHolder ca;
    private volatile Set<BigInteger> revoked;
    private volatile FileTime loadedMtime;
    private volatile long nextCheck;

    private StationCrl(Path file, X509CertificateHolder ca) {
        this.file = file;
        this.ca = ca;
    }

    public static StationCrl load(Path file, X509CertificateHolder stationCa) throws TrustLineException {
        StationCrl crl = new StationCrl(file, stationCa);
        crl.revoked = crl.read();
        return crl;
    }

    /** True when {@code serial} of a certificate issued by the station CA is on the current CRL. */
    public boolean revoked(BigInteger serial) {
        refresh();
        return revoked.contains(serial);
    }

    private void refresh() {
        long now = System.nanoTime();
        if (now - nextCheck < 0) {
            return;
        }
        synchronized (this) {
            if (now - nextCheck < 0) {
                return;
            }
            nextCheck = now + 1_000_000_000L;
            try {
                if (!Files.getLastModifiedTime(file).equals(loadedMtime)) {
                    revoked = read();
                    LOG.log(System.Logger.Level.INFO, "station CRL reloaded: " + revoked.size() + " revoked certificates");
                }
            } catch (TrustLineException | IOException e) {
                LOG.log(System.Logger.Level.ERROR, "station CRL " + file + " not reloaded (the previous one stays): " + e.getMessage());
            }
        }
    }

    private Set<BigInteger> read() throws TrustLineException {
        try {
            FileTime mtime = Files.getLastModifiedTime(file);
            X509CRLHolder crl = parse(Files.readString(file));
            if (!crl.getIssuer().equals(ca.getSubject())
                    || !crl.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Bc.provider()).build(ca))) {
                throw new TrustLineException(file + " is not a CRL signed by the station CA " + ca.getSubject());
            }
            if (crl.getNextUpdate() != null && crl.getNextUpdate().before(Date.from(Instant.now()))) {
                LOG.log(System.Logger.Level.WARNING, "station CRL " + file + " is past its nextUpdate: re-sign it (station-ca crl)");
            }
            Set<BigInteger> out = new HashSet<>();
            crl.getRevokedCertificates().forEach(e -> out.add(((org.bouncycastle.cert.X509CRLEntryHolder) e).getSerialNumber()));
            loadedMtime = mtime;
            return out;
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cert.CertException
                 | java.security.cert.CertificateException | RuntimeException e) {
            throw new TrustLineException("cannot read the station CRL " + file + ": " + e.getMessage(), e);
        }
    }

    private static X509CRLHolder parse(String text) throws IOException, TrustLineException {
        try (PEMParser p = new PEMParser(new StringReader(text))) {
            Object o = p.readObject();
            if (o instanceof X509CRLHolder crl) {
                return crl;
            }
            throw new TrustLineException("not a PEM X.509 CRL");
        }
    }

    static String pem(X509CRLHolder crl) {
        return Pem.encode(crl);
    }
}
