package dev.trustline.signer.tls;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.x509.KeyIds;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Cutting a station off without a root ceremony: the station CA revokes a certificate (by serial) and
 * writes a CRL of everything it revoked, signed with its own key, which the signer enforces. Issuing
 * a second live certificate for one station name is refused unless the old one is replaced (revoked
 * as superseded), so a lost certificate never comes back with a reused name.
 */
public final class StationRevocation {
    /** RFC 5280 reason names as the command line takes them. */
    public static final List<String> REASONS = List.of("unspecified", "key-compromise", "ca-compromise", "affiliation-changed",
            "superseded", "cessation-of-operation");
    private static final Duration CRL_VALIDITY = Duration.ofDays(30);

    private StationRevocation() {
    }

    public static int reasonCode(String name) throws TrustLineException {
        int i = REASONS.indexOf(name);
        if (i < 0) {
            throw new TrustLineException("unknown reason '" + name + "' (one of " + String.join(", ", REASONS) + ")");
        }
        return i;
    }

    /** Refuses a new certificate for {@code cn} while a live one exists (unless {@code replace}: then revokes those). */
    static void beforeIssue(Path keyStore, String cn, boolean server, boolean replace) throws TrustLineException {
        Instant now = Instant.now();
        for (StationRecords.Issued i : StationRecords.read(keyStore).values()) {
            if (i.cn().equals(cn) && i.server() == server && i.live(now)) {
                if (!replace) {
                    throw new TrustLineException("'" + cn + "' already has a live certificate (serial " + i.serialHex()
                            + "); revoke it first (station-ca revoke --serial " + i.serialHex() + ") or issue with --replace");
                }
                StationRecords.revoked(keyStore, i.serialHex(), CRLReason.superseded, now);
            }
        }
    }

    /** Records the revocation of {@code serialHex}, which this CA must have issued. */
    public static StationRecords.Issued revoke(Path keyStore, String serialHex, String reason) throws TrustLineException {
        String serial = dev.trustline.core.x509.Serials.hex(new BigInteger(serialHex.replace(":", ""), 16));
        StationRecords.Issued i = StationRecords.read(keyStore).get(serial);
        if (i == null) {
            throw new TrustLineException("the station CA " + keyStore + " has not issued a certificate with serial " + serial);
        }
        if (i.reason() != null) {
            return i;
        }
        StationRecords.revoked(keyStore, serial, reasonCode(reason), Instant.now());
        return StationRecords.read(keyStore).get(serial);
    }

    /** Writes (atomically replaces) {@code out}: a PEM CRL of every revoked certificate, valid 30 days. */
    public static int writeCrl(Path keyStore, char[] password, X509CertificateHolder caCert, Path out) throws TrustLineException {
        Map<String, StationRecords.Issued> all = StationRecords.read(keyStore);
        try {
            PrivateKey key = StationCa.loadKey(keyStore, password);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X509v2CRLBuilder b = new X509v2CRLBuilder(caCert.getSubject(), Date.from(now));
            b.setNextUpdate(Date.from(now.plus(CRL_VALIDITY)));
            int n = 0;
            for (StationRecords.Issued i : all.values()) {
                if (i.reason() != null) {
                    b.addCRLEntry(new BigInteger(i.serialHex(), 16), Date.from(i.revokedAt()), i.reason());
                    n++;
                }
            }
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(System.currentTimeMillis())));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(KeyIds.ski(caCert.getSubjectPublicKeyInfo())));
            X509CRLHolder crl = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key));
            replace(out, StationCrl.pem(crl).getBytes(StandardCharsets.US_ASCII));
            return n;
        } catch (IOException | java.security.GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new TrustLineException("cannot write the station CRL " + out + ": " + e.getMessage(), e);
        }
    }

    private static void replace(Path out, byte[] bytes) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + out.getFileName() + ".", ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
