package dev.trustline.ceremony.plan;

import dev.trustline.ceremony.plan.Steps.InputFile;
import dev.trustline.core.config.Problems;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/** Reads the ceremony's input files (CSRs, public keys, certificates to revoke) relative to the ceremony file. */
final class InputFiles {
    private InputFiles() {
    }

    static InputFile read(Path baseDir, String name, String path, Problems p) {
        if (!p.requirePresent(name, path)) {
            return null;
        }
        Path file = baseDir.resolve(name).normalize();
        try {
            return new InputFile(file, Files.readAllBytes(file));
        } catch (IOException e) {
            p.add(path, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    /** The public key of a CSR whose signature verifies (proof of possession); its extensions are ignored. */
    static SubjectPublicKeyInfo csrKey(InputFile in, String path, Problems p) {
        Object parsed = pem(in, path, p);
        if (!(parsed instanceof PKCS10CertificationRequest csr)) {
            p.add(path, in.path() + " is not a PEM certificate request");
            return null;
        }
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(dev.trustline.core.x509.Bc.provider()).build(csr.getSubjectPublicKeyInfo()))) {
                p.add(path, in.path() + ": the CSR's signature does not verify");
                return null;
            }
        } catch (OperatorCreationException | PKCSException e) {
            p.add(path, in.path() + ": cannot verify the CSR's signature (" + e.getMessage() + ")");
            return null;
        }
        return csr.getSubjectPublicKeyInfo();
    }

    static SubjectPublicKeyInfo publicKey(InputFile in, String path, Problems p) {
        Object parsed = pem(in, path, p);
        if (parsed instanceof SubjectPublicKeyInfo spki) {
            return spki;
        }
        p.add(path, in.path() + " is not a PEM public key");
        return null;
    }

    static X509CertificateHolder certificate(InputFile in, String path, Problems p) {
        Object parsed = pem(in, path, p);
        if (parsed instanceof X509CertificateHolder cert) {
            return cert;
        }
        p.add(path, in.path() + " is not a PEM certificate");
        return null;
    }

    private static Object pem(InputFile in, String path, Problems p) {
        try (PEMParser parser = new PEMParser(new StringReader(new String(in.bytes(), StandardCharsets.US_ASCII)))) {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            p.add(path, in.path() + " is not valid PEM (" + e.getMessage() + ")");
            return null;
        }
    }
}
