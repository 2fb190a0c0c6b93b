package dev.trustline.core.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DerSequenceTest {

    @ParameterizedTest(name = "content of {0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 127, 128, 253, 254, 255, 256, 65530, 65536, 70000})
    void of_encodesAsBouncyCastleDoes(int size) throws Exception {
        byte[] first = new DEROctetString(new byte[size]).getEncoded(ASN1Encoding.DER);
        byte[] second = new DEROctetString(new byte[] {7}).getEncoded(ASN1Encoding.DER);
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new DEROctetString(new byte[size]));
        v.add(new DEROctetString(new byte[] {7}));
        byte[] expected = new DERSequence(v).getEncoded(ASN1Encoding.DER);
        assertArrayEquals(expected, DerSequence.of(first, second));
        assertEquals(true, DerSequence.startsWith(expected, first));
        assertEquals(false, DerSequence.startsWith(expected, second));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "startsWith_notASequence_isFalse, 3103040100",
        "startsWith_trailingBytes_isFalse, 300304010000",
        "startsWith_outerTooShort_isFalse, 30040401",
        "startsWith_longFormForShortLength_isFalse, 30810304010004",
        "startsWith_empty_isFalse, ''",
    })
    void startsWith_malformed(String name, String hex) {
        byte[] der = java.util.HexFormat.of().parseHex(hex);
        assertEquals(false, DerSequence.startsWith(der, java.util.HexFormat.of().parseHex("040100")), name);
    }
}
