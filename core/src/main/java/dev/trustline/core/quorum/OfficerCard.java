package dev.trustline.core.quorum;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;

/**
 * An officer card: the JSON file an officer keeps on their own medium. It holds the officer's
 * Ed25519 approval public key in clear, and their approval private key and Shamir share sealed
 * with AES-256-GCM under a key derived from their passphrase (Argon2id). Immutable; see
 * {@link CardJson} for the file format.
 */
public final class OfficerCard {
    public static final int VERSION = 1;
    static final String BLOB_PRIVATE_KEY = "approvalPrivateKey";
    static final String BLOB_SHARE = "share";
    static final String UNWRITTEN = "not yet written";

    private final String officerId;
    private final String officerName;
    private final String rosterId;
    private final byte[] approvalPublicKey;
    private final KdfParams kdf;
    private final byte[] salt;
    private final SealedBlob sealedPrivateKey;
    private final SealedBlob sealedShare;
    private final String origin;

    OfficerCard(String officerId, String officerName, String rosterId, byte[] approvalPublicKey, KdfParams kdf,
                byte[] salt, SealedBlob sealedPrivateKey, SealedBlob sealedShare, String origin) {
        this.officerId = officerId;
        this.officerName = officerName;
        this.rosterId = rosterId;
        this.approvalPublicKey = approvalPublicKey.clone();
        this.kdf = kdf;
        this.salt = salt.clone();
        this.sealedPrivateKey = sealedPrivateKey;
        this.sealedShare = sealedShare;
        this.origin = origin;
    }

    /**
     * Enrols one officer: generates their approval key pair and seals it with their share under
     * {@code passphrase}. The caller keeps ownership of {@code share} and {@code passphrase}.
     */
    public static OfficerCard create(String officerId, String officerName, String rosterId, int shareIndex,
                                     byte[] share, char[] passphrase, KdfParams kdf, SecureRandom random)
            throws QuorumException {
        Ids.checkOfficerId(officerId);
        Ids.checkOfficerName(officerId, officerName);
        Ids.checkRosterId(rosterId);
        checkCreateInputs(officerId, shareIndex, share, passphrase);
        KeyPair pair = Ed25519Keys.generate(random);
        byte[] salt = new byte[PassphraseKdf.SALT_BYTES];
        random.nextBytes(salt);
        byte[] key = PassphraseKdf.derive(passphrase, salt, kdf);
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] sharePlain = ShareCodec.encode(shareIndex, share);
        try {
            SealedBlob sealedKey = CardCipher.seal(key, CardCipher.aad(officerId, rosterId, BLOB_PRIVATE_KEY), pkcs8, random);
            SealedBlob sealedShare = CardCipher.seal(key, CardCipher.aad(officerId, rosterId, BLOB_SHARE), sharePlain, random);
            return new OfficerCard(officerId, officerName, rosterId, pair.getPublic().getEncoded(), kdf, salt,
                    sealedKey, sealedShare, UNWRITTEN);
        } finally {
            Bytes.wipe(key);
            Bytes.wipe(pkcs8);
            Bytes.wipe(sharePlain);
        }
    }

    private static void checkCreateInputs(String officerId, int shareIndex, byte[] share, char[] passphrase)
            throws QuorumException {
        if (passphrase == null || passphrase.length == 0) {
            throw new QuorumException("officer '" + officerId + "': the passphrase must not be empty");
        }
        if (shareIndex < 1 || shareIndex > ShareCodec.MAX_INDEX || share == null || share.length == 0) {
            throw new QuorumException("officer '" + officerId + "': share index " + shareIndex
                    + " must be 1.." + ShareCodec.MAX_INDEX + " with a non-empty share");
        }
    }

    /** Reads a card strictly: unknown or missing fields are refused, naming the field. */
    public static OfficerCard read(Path file) throws QuorumException {
        byte[] bytes = SafeFiles.readSmall(file, "card");
        return CardJson.parse(bytes, file.toString());
    }

    /** Parses card JSON; {@code origin} names the card in errors (e.g. its path). */
    public static OfficerCard parse(byte[] json, String origin) throws QuorumException {
        return CardJson.parse(json, origin);
    }

    /** Writes this card to a new file (never overwriting) and returns the card bound to that path. */
    public OfficerCard write(Path file) throws QuorumException {
        SafeFiles.writeNew(file, toJson(), "rw-------", "card");
        return withOrigin(file.toString());
    }

    public byte[] toJson() {
        return CardJson.write(this);
    }

    /** Derives the card key from {@code passphrase} and opens both blobs. */
    public UnlockedCard unlock(char[] passphrase) throws QuorumException {
        return CardUnlocker.unlock(this, passphrase);
    }

    OfficerCard withOrigin(String newOrigin) {
        return new OfficerCard(officerId, officerName, rosterId, approvalPublicKey, kdf, salt,
                sealedPrivateKey, sealedShare, newOrigin);
    }

    /** "card of officer 'alice' (/media/alice/card.json)", used in every error about this card. */
    public String describe() {
        return "card of officer '" + Ids.printable(officerId) + "' (" + origin + ")";
    }

    public String officerId() {
        return officerId;
    }

    public String officerName() {
        return officerName;
    }

    public String rosterId() {
        return rosterId;
    }

    /** The Ed25519 approval public key as an X.509 SubjectPublicKeyInfo. */
    public byte[] approvalPublicKey() {
        return approvalPublicKey.clone();
    }

    public KdfParams kdf() {
        return kdf;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public SealedBlob sealedPrivateKey() {
        return sealedPrivateKey;
    }

    public SealedBlob sealedShare() {
        return sealedShare;
    }

    /** Where the card came from: its path, or "not yet written". */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return describe();
    }
}
