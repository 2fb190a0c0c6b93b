package dev.trustline.core.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class PassphraseKdfTest {
    private static final byte[] SALT = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** The native Argon2id must agree with BouncyCastle's independent implementation. */
    @Test
    void derive_matchesBouncyCastleArgon2id() throws QuorumException {
        char[] passphrase = "pässwörd ünïcode".toCharArray();
        KdfParams params = new KdfParams(8192, 2, 2);
        byte[] ours = PassphraseKdf.derive(passphrase, SALT, params);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(8192).withIterations(2).withParallelism(2).withSalt(SALT).build());
        byte[] theirs = new byte[32];
        generator.generateBytes(new String(passphrase).getBytes(StandardCharsets.UTF_8), theirs);
        assertEquals(32, ours.length);
        assertTrue(Arrays.equals(theirs, ours), "Argon2id outputs differ (bytes not shown)");
    }

    @Test
    void derive_leavesCallersPassphraseIntact_andDependsOnSalt() throws QuorumException {
        char[] passphrase = "alice correct horse".toCharArray();
        byte[] a = PassphraseKdf.derive(passphrase, SALT, KdfParams.forTests());
        assertEquals("alice correct horse", new String(passphrase));
        byte[] otherSalt = SALT.clone();
        otherSalt[0] ^= 1;
        assertFalse(Arrays.equals(a, PassphraseKdf.derive(passphrase, otherSalt, KdfParams.forTests())));
        assertTrue(Arrays.equals(a, PassphraseKdf.derive(passphrase, SALT, KdfParams.forTests())));
    }
}
