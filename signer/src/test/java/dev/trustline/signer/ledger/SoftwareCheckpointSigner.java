package dev.trustline.signer.ledger;

import dev.trustline.core.x509.Bc;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test root and issuing CA with software keys; the issuing CA signs checkpoints. */
public final class SoftwareCheckpointSigner implements CheckpointSigner {

    private final X509CertificateHolder root;
    private final X509CertificateHolder issuing;
    private final PrivateKey key;

    private SoftwareCheckpointSigner(X509CertificateHolder root, X509CertificateHolder issuing,
            PrivateKey key) {
        this.root = root;
        this.issuing = issuing;
        this.key = key;
    }

    /** A fresh root and issuing CA (EC P-256). */
    public static SoftwareCheckpointSigner create() {
        try {
            KeyPair rootKeys = keys();
            KeyPair caKeys = keys();
            X509CertificateHolder root = cert("CN=Test Root", "CN=Test Root", rootKeys.getPublic(),
                    rootKeys.getPrivate());
            X509CertificateHolder ca = cert("CN=Test Issuing CA", "CN=Test Root",
                    caKeys.getPublic(), rootKeys.getPrivate());
            return new SoftwareCheckpointSigner(root, ca, caKeys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public X509CertificateHolder root() {
        return root;
    }

    public CheckpointTrust trust() {
        return new CheckpointTrust(root);
    }

    @Override
    public String name() {
        return "test-signer";
    }

    @Override
    public List<byte[]> chain() {
        try {
            return List.of(issuing.getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String algorithm() {
        return "SHA256withECDSA";
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance(algorithm(), Bc.provider());
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Bc.provider());
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509CertificateHolder cert(String subject, String issuer, PublicKey key,
            PrivateKey signer) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(
                System.nanoTime()), Date.from(now.minusSeconds(3600)),
                Date.from(now.plus(3650, ChronoUnit.DAYS)), new X500Name(subject), key)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Bc.provider())
                        .build(signer));
    }
}
