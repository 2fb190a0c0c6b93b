package dev.trustline.core.digest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @ParameterizedTest(name = "native={0}, input={1}")
    @CsvSource({
        "true, '', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "false, '', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "true, abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "false, abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "true, abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq, 248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        "false, abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq, 248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    })
    void digest_fipsVectors_matchKnownAnswers(boolean useNative, String input, String expected) {
        if (useNative) {
            assertTrue(Sha256.NATIVE, "libcrypto is expected on the test machines (softhsm/setup installs OpenSSL)");
        }
        assertEquals(expected, HexFormat.of().formatHex(Sha256.digest(input.getBytes(StandardCharsets.US_ASCII), useNative)));
    }

    @Test
    void digest_millionAs_matchesKnownAnswer() {
        byte[] a = new byte[1_000_000];
        Arrays.fill(a, (byte) 'a');
        assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Sha256.hex(a));
    }

    @Test
    void digest_nativeAndJdk_agreeOnRandomInputs() {
        Random random = new Random(42);
        for (int length = 0; length < 3000; length += 1 + random.nextInt(37)) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertArrayEquals(Sha256.digest(data, false), Sha256.digest(data, true), "length " + length);
        }
    }
}
