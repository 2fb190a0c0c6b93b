package dev.trustline.core.ecdsa;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Which keys and algorithms take the libcrypto route: exactly P-256 keys and ecdsa-with-SHA256 without parameters. */
final class P256 {
    private P256() {
    }

    /** The 65-byte uncompressed point of an id-ecPublicKey / prime256v1 key, else null. */
    static byte[] point(SubjectPublicKeyInfo spki) {
        AlgorithmIdentifier alg = spki.getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(alg.getAlgorithm())
                || !SECObjectIdentifiers.secp256r1.equals(alg.getParameters())) {
            return null;
        }
        ASN1BitString bits = spki.getPublicKeyData();
        if (bits.getPadBits() != 0) {
            return null;
        }
        byte[] point = bits.getOctets();
        return point.length == NativeP256.POINT_LENGTH && point[0] == 0x04 ? point : null;
    }

    static boolean isEcdsaWithSha256(AlgorithmIdentifier alg) {
        return X9ObjectIdentifiers.ecdsa_with_SHA256.equals(alg.getAlgorithm()) && alg.getParameters() == null;
    }

    static byte[] sha256(byte[] data) {
        return dev.trustline.core.digest.Sha256.digest(data);
    }
}
