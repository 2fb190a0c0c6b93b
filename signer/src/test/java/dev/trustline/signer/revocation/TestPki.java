package dev.trustline.signer.revocation;

import dev.trustline.core.x509.CaProfile;
import dev.trustline.core.x509.CaTbsBuilder;
import dev.trustline.core.x509.KeyAlgorithm;
import dev.trustline.core.x509.KeyIds;
import dev.trustline.core.x509.Pem;
import dev.trustline.core.x509.Serials;
import dev.trustline.core.x509.TbsSigner;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A software root, intermediate and leaves for the pure revocation tests (the HSM is covered in the integration tests). */
final class TestPki {
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    final KeyPair rootKeys = KeyAlgorithm.ECDSA_P256.generate(null);
    final KeyPair interKeys = KeyAlgorithm.ECDSA_P256.generate(null);
    final X509CertificateHolder root;
    final X509CertificateHolder intermediate;

    TestPki() throws Exception {
        X500Name rootName = new X500Name("CN=Revocation TEST Root");
        root = TbsSigner.sign(CaTbsBuilder.build(profile(rootName, null), spki(rootKeys), rootName, null,
                Serials.random(), "SHA256withECDSA"), signer(rootKeys));
        intermediate = TbsSigner.sign(CaTbsBuilder.build(profile(new X500Name("CN=Revocation TEST CA"), 0),
                spki(interKeys), rootName, KeyIds.ski(root.getSubjectPublicKeyInfo()), Serials.random(),
                "SHA256withECDSA"), signer(rootKeys));
    }

    private static CaProfile profile(X500Name name, Integer pathLen) {
        return new CaProfile(dev.trustline.core.Environment.TEST, name, FROM, FROM.plus(Duration.ofDays(3650)), pathLen, List.of(KeyPurposeId.id_kp_clientAuth),
                null, List.of(), List.of(), List.of());
    }

    X509CertificateHolder leaf(BigInteger serial, String cn) throws Exception {
        KeyPair keys = KeyAlgorithm.ECDSA_P256.generate(null);
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(intermediate.getSubject(), serial, Date.from(FROM),
                Date.from(FROM.plus(Duration.ofDays(3000))), new X500Name("CN=" + cn), spki(keys));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.authorityKeyIdentifier, false,
                new AuthorityKeyIdentifier(KeyIds.ski(intermediate.getSubjectPublicKeyInfo())));
        return b.build(signer(interKeys));
    }

    ContentSigner intermediateSigner() throws Exception {
        return signer(interKeys);
    }

    /** As a {@link CrlSigner.SignerSource}. */
    ContentSigner intermediateSigner0() throws dev.trustline.core.TrustLineException {
        try {
            return signer(interKeys);
        } catch (Exception e) {
            throw new dev.trustline.core.TrustLineException(e.getMessage(), e);
        }
    }

    static ContentSigner signer(KeyPair keys) throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
    }

    static SubjectPublicKeyInfo spki(KeyPair keys) {
        return SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
    }

    static Path pem(Path dir, String name, Object... objects) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, Pem.encode(objects));
        return f;
    }

    /** Runs a command; returns exit code and merged output. */
    static Result run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), out);
    }

    record Result(int code, String out) {
    }
}
