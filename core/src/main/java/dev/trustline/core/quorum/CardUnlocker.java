package dev.trustline.core.quorum;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;

/** Opens a card's two blobs and checks that what they hold is consistent with the card. */
final class CardUnlocker {
    private static final byte[] SELF_TEST = "trustline-card-self-test-v1".getBytes(StandardCharsets.UTF_8);

    private CardUnlocker() {
    }

    static UnlockedCard unlock(OfficerCard card, char[] passphrase) throws QuorumException {
        byte[] key = PassphraseKdf.derive(passphrase, card.salt(), card.kdf());
        byte[] pkcs8 = null;
        byte[] sharePlain = null;
        try {
            pkcs8 = open(card, key, OfficerCard.BLOB_PRIVATE_KEY, card.sealedPrivateKey());
            sharePlain = open(card, key, OfficerCard.BLOB_SHARE, card.sealedShare());
            checkKeyPair(card, pkcs8);
            int index = ShareCodec.index(sharePlain);
            if (index < 0) {
                throw new QuorumException(card.describe() + ": the sealed share is malformed");
            }
            return new UnlockedCard(card.officerId(), card.rosterId(), card.approvalPublicKey(), pkcs8,
                    index, ShareCodec.share(sharePlain));
        } finally {
            Bytes.wipe(key);
            Bytes.wipe(pkcs8);
            Bytes.wipe(sharePlain);
        }
    }

    private static byte[] open(OfficerCard card, byte[] key, String blobName, SealedBlob blob) throws QuorumException {
        byte[] plain = CardCipher.open(key, CardCipher.aad(card.officerId(), card.rosterId(), blobName), blob);
        if (plain == null) {
            throw new QuorumException(card.describe() + ": wrong passphrase or the card was altered");
        }
        return plain;
    }

    /** The sealed private key must belong to the card's clear public key. */
    private static void checkKeyPair(OfficerCard card, byte[] pkcs8) throws QuorumException {
        PrivateKey privateKey = Ed25519Keys.privateKey(pkcs8);
        PublicKey publicKey = Ed25519Keys.publicKey(card.approvalPublicKey());
        if (privateKey == null || publicKey == null
                || !Ed25519Keys.verify(publicKey, SELF_TEST, Ed25519Keys.sign(privateKey, SELF_TEST))) {
            throw new QuorumException(card.describe() + ": the approval key does not match the card's public key");
        }
    }
}
