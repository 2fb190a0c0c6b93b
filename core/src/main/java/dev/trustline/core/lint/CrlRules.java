package dev.trustline.core.lint;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.ContentVerifier;
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
            boolean valid = subject.encoding() == null ? crl.isSignatureValid(Signatures.verifier(key))
                    : verifiesOverEncoding(subject.encoding(), crl, key);
            return valid ? List.of() : List.of("signature does not verify under the issuer's public key");
        } catch (OperatorCreationException | CertException | RuntimeOperatorException e) {
            return List.of("could not verify signature: " + e.getMessage());
        }
    }

    /**
     * The signature checked over the TBSCertList bytes of {@code der} itself (what BouncyCastle's
     * isSignatureValid does over a DER re-encoding of the parsed CRL), with the same algorithm check.
     */
    private static boolean verifiesOverEncoding(byte[] der, X509CRLHolder crl, SubjectPublicKeyInfo key)
            throws OperatorCreationException, CertException {
        CertificateList list = crl.toASN1Structure();
        if (!list.getSignatureAlgorithm().equals(list.getTBSCertList().getSignature())) {
            throw new CertException("signature invalid - algorithm identifier mismatch");
        }
        int tbs = contentStart(der, 0, der.length, "the CRL");
        int tbsEnd = contentStart(der, tbs, der.length, "its TBSCertList") + length(der, tbs);
        ContentVerifier verifier = Signatures.verifier(key).get(list.getSignatureAlgorithm());
        try {
            try (OutputStream out = verifier.getOutputStream()) {
                out.write(der, tbs, tbsEnd - tbs);
            }
            return verifier.verify(list.getSignature().getOctets());
        } catch (IOException | RuntimeException e) {
            throw new CertException("unable to process signature: " + e.getMessage(), e);
        }
    }

    /** Where the contents of the DER SEQUENCE at {@code at} begin; it must end exactly at {@code limit} for the CRL. */
    private static int contentStart(byte[] der, int at, int limit, String what) throws CertException {
        if (at + 2 > limit || der[at] != 0x30) {
            throw new CertException(what + " is not a DER SEQUENCE");
        }
        int first = der[at + 1] & 0xff;
        int headerLength = first < 0x80 ? 2 : 2 + (first & 0x7f);
        if (first == 0x80 || first > 0x84 || at + headerLength > limit) {
            throw new CertException(what + " has no definite DER length");
        }
        long end = at + (long) headerLength + length(der, at);
        if (end > limit || (at == 0 && end != limit)) {
            throw new CertException(what + " does not fit its encoding");
        }
        return at + headerLength;
    }

    /** The content length of the DER element at {@code at} (its header already checked by contentStart). */
    private static int length(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return first;
        }
        long n = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            n = (n << 8) | (der[at + 2 + i] & 0xff);
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
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
