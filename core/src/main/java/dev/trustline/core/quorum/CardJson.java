package dev.trustline.core.quorum;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * The officer card file format (version 1):
 * <pre>
 * {
 *   "format" : "trustline-officer-card",
 *   "version" : 1,
 *   "officerId" : "alice",
 *   "officerName" : "Alice Example",
 *   "rosterId" : "3f0c...",                      (32 hex digits)
 *   "approvalPublicKey" : "MCowBQYDK2VwAyEA...", (Ed25519 SPKI, base64)
 *   "kdf" : { "algorithm" : "argon2id", "memoryKiB" : 262144, "iterations" : 3, "parallelism" : 2,
 *             "salt" : "base64 (16 bytes)" },
 *   "approvalPrivateKey" : { "nonce" : "base64 (12 bytes)", "ciphertext" : "base64 (PKCS#8 + tag)" },
 *   "share" : { "nonce" : "base64 (12 bytes)", "ciphertext" : "base64 (index byte + share + tag)" }
 * }
 * </pre>
 */
final class CardJson {
    static final String FORMAT = "trustline-officer-card";
    static final String KDF_ALGORITHM = "argon2id";

    private CardJson() {
    }

    static byte[] write(OfficerCard card) {
        ObjectNode root = StrictJson.newObject();
        root.put("format", FORMAT);
        root.put("version", OfficerCard.VERSION);
        root.put("officerId", card.officerId());
        root.put("officerName", card.officerName());
        root.put("rosterId", card.rosterId());
        root.put("approvalPublicKey", b64(card.approvalPublicKey()));
        ObjectNode kdf = root.putObject("kdf");
        kdf.put("algorithm", KDF_ALGORITHM);
        kdf.put("memoryKiB", card.kdf().memoryKiB());
        kdf.put("iterations", card.kdf().iterations());
        kdf.put("parallelism", card.kdf().parallelism());
        kdf.put("salt", b64(card.salt()));
        putBlob(root.putObject(OfficerCard.BLOB_PRIVATE_KEY), card.sealedPrivateKey());
        putBlob(root.putObject(OfficerCard.BLOB_SHARE), card.sealedShare());
        return StrictJson.write(root);
    }

    private static void putBlob(ObjectNode node, SealedBlob blob) {
        node.put("nonce", b64(blob.nonce()));
        node.put("ciphertext", b64(blob.ciphertext()));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static OfficerCard parse(byte[] json, String origin) throws QuorumException {
        String what = "card " + origin;
        JsonFields root = StrictJson.parse(json, what);
        checkHeader(root);
        String officerId = root.string("officerId");
        String officerName = root.string("officerName");
        String rosterId = root.string("rosterId");
        byte[] publicKey = root.base64("approvalPublicKey");
        JsonFields kdfFields = root.object("kdf");
        KdfParams kdf = readKdf(kdfFields);
        byte[] salt = readSalt(kdfFields);
        SealedBlob sealedKey = readBlob(root, OfficerCard.BLOB_PRIVATE_KEY);
        SealedBlob sealedShare = readBlob(root, OfficerCard.BLOB_SHARE);
        root.done();
        checkIdentity(what, officerId, officerName, rosterId, publicKey);
        return new OfficerCard(officerId, officerName, rosterId, publicKey, kdf, salt, sealedKey, sealedShare, origin);
    }

    private static void checkHeader(JsonFields root) throws QuorumException {
        if (!FORMAT.equals(root.string("format"))) {
            throw root.error("format", "must be \"" + FORMAT + "\"");
        }
        int version = root.integer("version");
        if (version != OfficerCard.VERSION) {
            throw root.error("version", "is " + version + "; only version " + OfficerCard.VERSION + " is supported");
        }
    }

    private static void checkIdentity(String what, String officerId, String officerName, String rosterId,
                                      byte[] publicKey) throws QuorumException {
        try {
            Ids.checkOfficerId(officerId);
            Ids.checkOfficerName(officerId, officerName);
            Ids.checkRosterId(rosterId);
        } catch (QuorumException e) {
            throw new QuorumException(what + ": " + e.getMessage());
        }
        if (Ed25519Keys.publicKey(publicKey) == null) {
            throw new QuorumException(what + ": field 'approvalPublicKey' is not an Ed25519 SubjectPublicKeyInfo");
        }
    }

    private static KdfParams readKdf(JsonFields kdf) throws QuorumException {
        if (!KDF_ALGORITHM.equals(kdf.string("algorithm"))) {
            throw kdf.error("algorithm", "must be \"" + KDF_ALGORITHM + "\"");
        }
        int memory = kdf.integer("memoryKiB");
        int iterations = kdf.integer("iterations");
        int parallelism = kdf.integer("parallelism");
        try {
            return new KdfParams(memory, iterations, parallelism);
        } catch (IllegalArgumentException e) {
            throw kdf.errorHere("has unusable parameters: " + e.getMessage());
        }
    }

    private static byte[] readSalt(JsonFields kdf) throws QuorumException {
        byte[] salt = kdf.base64("salt");
        if (salt.length != PassphraseKdf.SALT_BYTES) {
            throw kdf.error("salt", "must be " + PassphraseKdf.SALT_BYTES + " bytes, not " + salt.length);
        }
        kdf.done();
        return salt;
    }

    private static SealedBlob readBlob(JsonFields root, String name) throws QuorumException {
        JsonFields blob = root.object(name);
        byte[] nonce = blob.base64("nonce");
        byte[] ciphertext = blob.base64("ciphertext");
        blob.done();
        if (nonce.length != SealedBlob.NONCE_BYTES) {
            throw blob.error("nonce", "must be " + SealedBlob.NONCE_BYTES + " bytes, not " + nonce.length);
        }
        if (ciphertext.length <= SealedBlob.TAG_BYTES) {
            throw blob.error("ciphertext", "is too short to hold a sealed value");
        }
        return new SealedBlob(nonce, ciphertext);
    }
}
