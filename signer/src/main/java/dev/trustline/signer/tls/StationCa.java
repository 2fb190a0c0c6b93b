package dev.trustline.signer.tls;

import dev.trustline.core.files.NewFiles;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.x509.KeyIds;
import dev.trustline.core.x509.Pem;
import dev.trustline.core.x509.Serials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The station CA: the factory's operational CA whose certificates identify stations (mTLS clients) and
 * the signer's HTTPS server. Its key is a software key in a password-protected PKCS#12; the root
 * ceremony certifies it from the CSR written here (sign-intermediate). Device keys never pass here.
 */
public final class StationCa {
    private static final String ALIAS = "station-ca";

    private StationCa() {
    }

    /** Makes the CA key (PKCS#12 under {@code password}) and a CSR for the ceremony. */
    public static void init(Path keyStore, Path csr, String cn, char[] password) throws TrustLineException {
        NewFiles.refuseExisting(keyStore, csr);
        try {
            KeyPair pair = p256();
            X500Name name = new X500Name("CN=" + cn);
            X509CertificateHolder placeholder = certificate(name, pair, name, pair.getPrivate(), Duration.ofDays(1), true, List.of(), false);
            NewFiles.writeNew(keyStore, pkcs12(pair.getPrivate(), password, placeholder), NewFiles.SECRET, "file");
            PKCS10CertificationRequest req = new JcaPKCS10CertificationRequestBuilder(name, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            NewFiles.writeNew(csr, Pem.encode(req).getBytes(StandardCharsets.US_ASCII), NewFiles.PUBLIC, "file");
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new TrustLineException("cannot create the station CA: " + e.getMessage(), e);
        }
    }

    /**
     * Issues a station (client) or server certificate with a new software key, into a PKCS#12 under
     * {@code outPassword} holding the key, the certificate and the chain up to {@code caCert}.
     */
    public static void issue(Path caKeyStore, char[] caPassword, List<X509CertificateHolder> caChain, String cn,
                             boolean server, Duration validity, Path out, char[] outPassword) throws TrustLineException {
        issue(caKeyStore, caPassword, caChain, cn, server, validity, out, outPassword, false);
    }

    /**
     * As above; a name that already has a live certificate is refused unless {@code replace}, which
     * revokes the old one (superseded). Every issued certificate is recorded beside the CA key store.
     */
    public static void issue(Path caKeyStore, char[] caPassword, List<X509CertificateHolder> caChain, String cn,
                             boolean server, Duration validity, Path out, char[] outPassword, boolean replace) throws TrustLineException {
        NewFiles.refuseExisting(out);
        StationRevocation.beforeIssue(caKeyStore, cn, server, replace);
        try {
            PrivateKey caKey = loadKey(caKeyStore, caPassword);
            X509CertificateHolder caCert = caChain.get(0);
            KeyPair pair = p256();
            List<String> dns = server ? List.of(cn) : List.of();
            X509CertificateHolder cert = certificate(new X500Name("CN=" + cn), pair, caCert.getSubject(), caKey, validity, false, dns, server);
            X509CertificateHolder[] chain = new X509CertificateHolder[caChain.size() + 1];
            chain[0] = cert;
            for (int i = 0; i < caChain.size(); i++) {
                chain[i + 1] = caChain.get(i);
            }
            NewFiles.writeNew(out, pkcs12(pair.getPrivate(), outPassword, chain), NewFiles.SECRET, "file");
            StationRecords.issued(caKeyStore, cert, cn, server);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new TrustLineException("cannot issue the certificate for '" + cn + "': " + e.getMessage(), e);
        }
    }

    private static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
        return kpg.generateKeyPair();
    }

    private static X509CertificateHolder certificate(X500Name subject, KeyPair pair, X500Name issuer, PrivateKey signer,
                                                     Duration validity, boolean ca, List<String> dns, boolean server)
            throws IOException, OperatorCreationException, GeneralSecurityException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, Serials.random(), Date.from(now.minusSeconds(300)),
                Date.from(now.plus(validity)), subject, pair.getPublic());
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        b.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(KeyIds.ski(spki)));
        if (!ca) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
        }
        if (!dns.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dns.stream()
                    .map(d -> new GeneralName(GeneralName.dNSName, d)).toArray(GeneralName[]::new)));
        }
        return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer));
    }

    private static byte[] pkcs12(PrivateKey key, char[] password, X509CertificateHolder... chain)
            throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        Certificate[] certs = new Certificate[chain.length];
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        for (int i = 0; i < chain.length; i++) {
            certs[i] = conv.getCertificate(chain[i]);
        }
        ks.setKeyEntry(ALIAS, key, password, certs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, password);
        return out.toByteArray();
    }

    static PrivateKey loadKey(Path keyStore, char[] password) throws GeneralSecurityException, IOException, TrustLineException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, password);
        } catch (IOException e) {
            throw new TrustLineException("cannot open " + keyStore + ": wrong password or not a PKCS#12 file");
        }
        return (PrivateKey) ks.getKey(ALIAS, password);
    }

}
