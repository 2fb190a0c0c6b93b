package dev.trustline.core.quorum;

import java.security.PrivateKey;

/**
 * An unlocked officer card: the officer's Shamir share and approval private key in memory.
 * {@link #close()} wipes both; using the card afterwards throws {@link IllegalStateException}.
 * Not thread-safe.
 */
public final class UnlockedCard implements AutoCloseable {
    private final String officerId;
    private final String rosterId;
    private final byte[] approvalPublicKey;
    private final byte[] approvalPrivateKey;
    private final int shareIndex;
    private final byte[] share;
    private boolean closed;

    UnlockedCard(String officerId, String rosterId, byte[] approvalPublicKey, byte[] approvalPrivateKey,
                 int shareIndex, byte[] share) {
        this.officerId = officerId;
        this.rosterId = rosterId;
        this.approvalPublicKey = approvalPublicKey.clone();
        this.approvalPrivateKey = approvalPrivateKey.clone();
        this.shareIndex = shareIndex;
        this.share = share.clone();
    }

    public String officerId() {
        return officerId;
    }

    public String rosterId() {
        return rosterId;
    }

    public byte[] approvalPublicKey() {
        return approvalPublicKey.clone();
    }

    public int shareIndex() {
        return shareIndex;
    }

    /** A copy of the share bytes: the caller wipes it after use. */
    public byte[] share() {
        checkOpen();
        return share.clone();
    }

    /** An Ed25519 signature over {@code message} with the officer's approval key. */
    public byte[] sign(byte[] message) {
        checkOpen();
        PrivateKey key = Ed25519Keys.privateKey(approvalPrivateKey);
        if (key == null) {
            throw new IllegalStateException("approval key of officer '" + officerId + "' cannot be loaded");
        }
        return Ed25519Keys.sign(key, message);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Wipes the share and the private key encoding. */
    @Override
    public void close() {
        Bytes.wipe(share);
        Bytes.wipe(approvalPrivateKey);
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("card of officer '" + officerId + "' was closed");
        }
    }

    @Override
    public String toString() {
        return "UnlockedCard[officer=" + officerId + ", shareIndex=" + shareIndex + (closed ? ", closed" : "") + "]";
    }
}
