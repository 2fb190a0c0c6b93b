package dev.trustline.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void encode_sortsKeysByCodePointAtEveryDepth() {
        ObjectNode node = TestChains.object().put("😀", 1).put("！", 2).put("b", 3).put("B", 4);
        node.putObject("a").put("z", 1).put("y", 2).putArray("arr").add(3).add(1);
        assertEquals("{\"B\":4,\"a\":{\"arr\":[3,1],\"y\":2,\"z\":1},\"b\":3,\"！\":2,\"😀\":1}",
                CanonicalJson.encodeToString(node));
    }

    @Test
    void encode_escapesLikeJq() {
        ObjectNode node = TestChains.object().put("s", "\"\\/\b\t\n\f\r\u0000\u001f\u007f é\u2028");
        assertEquals("{\"s\":\"\\\"\\\\/\\b\\t\\n\\f\\r\\u0000\\u001f\\u007f é\u2028\"}",
                CanonicalJson.encodeToString(node));
    }

    @Test
    void encode_writesUtf8() {
        byte[] bytes = CanonicalJson.encode(TestChains.object().put("k", "—"));
        assertEquals("{\"k\":\"—\"}", new String(bytes, StandardCharsets.UTF_8));
        assertEquals(11, bytes.length);
    }

    @Test
    void encode_floatingPoint_rejectedWithPath() {
        ObjectNode node = TestChains.object();
        node.putObject("a").putArray("b").add(1).add(1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.encode(node));
        assertTrue(e.getMessage().contains("'/a/b/1'"), e.getMessage());
        assertTrue(e.getMessage().contains("floating point"), e.getMessage());
    }

    @Test
    void encode_integerRange_isJqSafeRange() {
        long max = CanonicalJson.MAX_SAFE_INTEGER;
        assertEquals("[9007199254740991,-9007199254740991]", CanonicalJson.encodeToString(
                TestChains.object().putArray("x").add(max).add(-max)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(
                TestChains.object().put("x", max + 1)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(
                TestChains.object().put("x", BigInteger.TEN.pow(30))));
    }

    @Test
    void encode_nullAndLoneSurrogate_rejected() {
        assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.encode(TestChains.object().putNull("x")));
        assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.encode(TestChains.object().put("x", "a\ud800b")));
        assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.encode(TestChains.object().put("x\udc00", "b")));
    }

    @Test
    void sha256Hex_knownVector() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                CanonicalJson.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void compareCodePoints_agreesWithUtf8ByteOrder_acrossSurrogatesAndPrivateUse() {
        String[] keys = {"a", "ab", "b", "~", "\u00e9", "\u07ff", "\u0800", "\ud7ff", "\ue000", "\uffff",
            "\ud800\udc00", "\ud83d\ude00", "\udbff\udfff", "a\ue000", "a\ud83d\ude00", ""};
        for (String x : keys) {
            for (String y : keys) {
                int bytes = Integer.signum(java.util.Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
                        y.getBytes(StandardCharsets.UTF_8)));
                assertEquals(bytes, Integer.signum(CanonicalJson.compareCodePoints(x, y)), x + " vs " + y);
            }
        }
    }

    @Test
    void encode_objectKeysAboveTheBmp_sortAfterPrivateUseCharacters() {
        ObjectNode o = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        o.put("\ud83d\ude00", 1).put("\ue000", 2).put("z", 3);
        assertEquals("{\"z\":3,\"\ue000\":2,\"\ud83d\ude00\":1}", CanonicalJson.encodeToString(o));
    }
}
