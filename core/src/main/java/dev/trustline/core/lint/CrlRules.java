package dev.trustline.core.lint;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;

/** The individual CRL rules run by {@link CrlLints}. */
final class CrlRules {
    private CrlRules() {
    }

    static List<String> validity(CrlUnderLint subject) {
        Instant thisUpdate = subject.crl().getThisUpdate().toInstant();
        Date nextUpdate = subject.crl().getNextUpdate();
        if (nextUpdate == null) {
            return List.of("nextUpdate is missing");
        }
        if (!thisUpdate.isBefore(nextUpdate.toInstant())) {
            return List.of("thisUpdate " + thisUpdate + " is not before nextUpdate " + nextUpdate.toInstant());
        }
        Instant issuerNotAfter = subject.issuer().getNotAfter().toInstant();
        if (nextUpdate.toInstant().isAfter(issuerNotAfter)) {
            return List.of("nextUpdate " + nextUpdate.toInstant() + " is after the issuer's notAfter " + issuerNotAfter);
        }
        return List.of();
    }

    static List<String> crlNumber(CrlUnderLint subject) {
        Extension extension = subject.crl().getExtension(Extension.cRLNumber);
        if (extension == null) {
            return List.of("cRLNumber extension is missing");
        }
        if (ASN1Integer.getInstance(extension.getParsedValue()).getValue().signum() < 0) {
            return List.of("cRLNumber is negative");
        }
        return List.of();
    }

    static List<String> authorityKeyIdentifier(CrlUnderLint subject) {
        Extension extension = subject.crl().getExtension(Extension.authorityKeyIdentifier);
        if (extension == null) {
            return List.of("authorityKeyIdentifier is missing");
        }
        byte[] keyId = AuthorityKeyIdentifier.getInstance(extension.getParsedValue()).getKeyIdentifier();
        Optional<byte[]> issuerSki = CertFields.subjectKeyIdentifier(subject.issuer());
        if (keyId == null) {
            return List.of("authorityKeyIdentifier has no keyIdentifier");
        }
        if (issuerSki.isEmpty()) {
            return List.of("authorityKeyIdentifier cannot be checked: the issuer's subjectKeyIdentifier is missing");
        }
        if (!Arrays.equals(keyId, issuerSki.get())) {
            return List.of("authorityKeyIdentifier keyIdentifier does not equal the issuer's subjectKeyIdentifier");
        }
        return List.of();
    }

    static List<String> issuerName(CrlUnderLint subject) {
        byte[] crlIssuer = IssuerNameLint.der(subject.crl().getIssuer());
        byte[] issuerSubject = IssuerNameLint.der(subject.issuer().getSubject());
        if (!Arrays.equals(crlIssuer, issuerSubject)) {
            return List.of("CRL issuer '" + subject.crl().getIssuer() + "' does not equal the issuer certificate's "
                    + "subject '" + subject.issuer().getSubject() + "'");
        }
        return List.of();
    }

    static List<String> signature(CrlUnderLint subject) {
        X509CRLHolder crl = subject.crl();
        SubjectPublicKeyInfo key = subject.issuer().getSubjectPublicKeyInfo();
        try {
            return crl.isSignatureValid(Signatures.verifier(key)) ? List.of()
                    : List.of("signature does not verify under the issuer's public key");
        } catch (OperatorCreationException | CertException | RuntimeOperatorException e) {
            return List.of("could not verify signature: " + e.getMessage());
        }
    }

    static List<String> issuerKeyUsage(CrlUnderLint subject) {
        Optional<KeyUsage> usage = CertFields.keyUsage(subject.issuer());
        if (usage.isEmpty()) {
            return List.of("issuer certificate has no keyUsage extension");
        }
        if (!usage.get().hasUsages(KeyUsage.cRLSign)) {
            return List.of("issuer certificate keyUsage lacks cRLSign");
        }
        return List.of();
    }
}
