package dev.trustline.core.quorum;

import java.util.Arrays;

/** The plaintext of a card's share blob: one byte of share index (1..255) then the share bytes. */
final class ShareCodec {
    static final int MAX_INDEX = 255;

    private ShareCodec() {
    }

    static byte[] encode(int index, byte[] share) {
        byte[] plain = new byte[1 + share.length];
        plain[0] = (byte) index;
        System.arraycopy(share, 0, plain, 1, share.length);
        return plain;
    }

    /** The share index, or -1 when the plaintext is malformed. */
    static int index(byte[] plain) {
        if (plain.length < 2 || plain[0] == 0) {
            return -1;
        }
        return plain[0] & 0xff;
    }

    static byte[] share(byte[] plain) {
        return Arrays.copyOfRange(plain, 1, plain.length);
    }
}
