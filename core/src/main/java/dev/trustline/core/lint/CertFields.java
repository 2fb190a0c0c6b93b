package dev.trustline.core.lint;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/** Typed, null-free access to the certificate extensions the lints read. */
final class CertFields {
    private CertFields() {
    }

    static Optional<Extension> extension(X509CertificateHolder cert, ASN1ObjectIdentifier oid) {
        return Optional.ofNullable(cert.getExtension(oid));
    }

    static Optional<BasicConstraints> basicConstraints(X509CertificateHolder cert) {
        return extension(cert, Extension.basicConstraints).map(e -> BasicConstraints.getInstance(e.getParsedValue()));
    }

    static boolean isCa(X509CertificateHolder cert) {
        return basicConstraints(cert).map(BasicConstraints::isCA).orElse(false);
    }

    static Optional<BigInteger> pathLen(X509CertificateHolder cert) {
        return basicConstraints(cert).map(BasicConstraints::getPathLenConstraint);
    }

    static Optional<KeyUsage> keyUsage(X509CertificateHolder cert) {
        return extension(cert, Extension.keyUsage).map(e -> KeyUsage.getInstance(e.getParsedValue()));
    }

    static Optional<ExtendedKeyUsage> extendedKeyUsage(X509CertificateHolder cert) {
        return extension(cert, Extension.extendedKeyUsage)
                .map(e -> ExtendedKeyUsage.getInstance(e.getParsedValue()));
    }

    static Optional<byte[]> subjectKeyIdentifier(X509CertificateHolder cert) {
        return extension(cert, Extension.subjectKeyIdentifier)
                .map(e -> SubjectKeyIdentifier.getInstance(e.getParsedValue()).getKeyIdentifier());
    }

    static Optional<AuthorityKeyIdentifier> authorityKeyIdentifier(Optional<Extension> extension) {
        return extension.map(e -> AuthorityKeyIdentifier.getInstance(e.getParsedValue()));
    }

    /** RFC 5280 section 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents. */
    static byte[] keyIdentifierMethod1(SubjectPublicKeyInfo spki) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(spki.getPublicKeyData().getBytes());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
