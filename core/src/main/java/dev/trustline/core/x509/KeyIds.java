package dev.trustline.core.x509;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Subject key identifiers by RFC 5280 method 1: SHA-1 of the subjectPublicKey bits. */
public final class KeyIds {
    private KeyIds() {
    }

    public static byte[] ski(SubjectPublicKeyInfo spki) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(spki.getPublicKeyData().getBytes());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }
}
