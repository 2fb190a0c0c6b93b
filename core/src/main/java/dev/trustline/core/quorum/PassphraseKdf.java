package dev.trustline.core.quorum;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Argon2id (argon2-jvm, native libargon2) turning a card passphrase into a 32-byte AES key. */
public final class PassphraseKdf {
    public static final int KEY_BYTES = 32;
    public static final int SALT_BYTES = 16;

    private PassphraseKdf() {
    }

    /**
     * Derives the card key. The caller keeps ownership of {@code passphrase}; the UTF-8 copy made
     * here is wiped before returning.
     */
    public static byte[] derive(char[] passphrase, byte[] salt, KdfParams params) throws QuorumException {
        byte[] password = utf8(passphrase);
        try {
            Argon2Advanced argon2 = Argon2Factory.createAdvanced(Argon2Types.ARGON2id);
            byte[] key = argon2.rawHash(params.iterations(), params.memoryKiB(), params.parallelism(), password, salt);
            if (key.length != KEY_BYTES) {
                Bytes.wipe(key);
                throw new QuorumException("Argon2id returned " + key.length + " bytes, expected " + KEY_BYTES);
            }
            return key;
        } finally {
            Bytes.wipe(password);
        }
    }

    /** UTF-8 bytes of {@code chars} without going through an immutable String. */
    static byte[] utf8(char[] chars) throws QuorumException {
        ByteBuffer buffer = null;
        try {
            buffer = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(chars));
            return Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
        } catch (CharacterCodingException e) {
            throw new QuorumException("passphrase is not valid Unicode text");
        } finally {
            if (buffer != null) {
                Bytes.wipe(buffer.array());
            }
        }
    }
}
