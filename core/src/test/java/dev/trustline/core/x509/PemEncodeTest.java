package dev.trustline.core.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PemEncodeTest {

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 47, 48, 49, 96, 500, 1023})
    void encode_labelAndDer_writesWhatBouncyCastleWrites(int size) {
        byte[] der = new byte[size];
        new Random(size).nextBytes(der);
        assertEquals(Pem.encode(new PemObject("CERTIFICATE", der)), Pem.encode("CERTIFICATE", der));
    }
}
