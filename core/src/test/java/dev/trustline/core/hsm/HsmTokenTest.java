package dev.trustline.core.hsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.core.x509.KeyAlgorithm;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Against a real SoftHSM2 token, shared by the whole class. */
class HsmTokenTest {
    private static ThrowawayToken throwaway;

    @BeforeAll
    static void createToken() throws Exception {
        throwaway = ThrowawayToken.create(SoftHsm.module(), ThrowawayToken.uniqueLabel("hsm-test"));
    }

    @AfterAll
    static void deleteToken() throws Exception {
        throwaway.close();
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void generateKey_eachAlgorithm_isSensitiveNeverExtractableAndSigns(KeyAlgorithm algorithm) throws Exception {
        HsmToken token = throwaway.token();
        GeneratedKey key = token.generateKey("k-" + algorithm.configName(), algorithm);
        assertTrue(key.evidence().sound(), key.evidence().toString());
        ContentSigner signer = token.signer(key.label(), algorithm.signatureAlgorithm());
        byte[] data = "to be signed".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = signer.getOutputStream()) {
            out.write(data);
        }
        Signature verify = Signature.getInstance(algorithm.signatureAlgorithm());
        verify.initVerify(key.publicKey());
        verify.update(data);
        assertTrue(verify.verify(signer.getSignature()));
        assertArrayEquals(key.publicKey().getEncoded(), token.publicKey(key.label()).getEncoded());
    }

    /** The per-thread Signature is re-initialised for every signature, and each signature verifies over its own data. */
    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void signer_manySignaturesInARow_eachVerifies(KeyAlgorithm algorithm) throws Exception {
        HsmToken token = throwaway.token();
        GeneratedKey key = token.generateKey("many-" + algorithm.configName(), algorithm);
        Signature verify = Signature.getInstance(algorithm.signatureAlgorithm());
        for (int i = 0; i < 40; i++) {
            ContentSigner signer = token.signer(key.label(), algorithm.signatureAlgorithm());
            byte[] data = ("message " + i).repeat(i + 1).getBytes(StandardCharsets.UTF_8);
            signer.getOutputStream().write(data);
            byte[] signature = signer.getSignature();
            verify.initVerify(key.publicKey());
            verify.update(data);
            assertTrue(verify.verify(signature), "signature " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void signer_supersededOnTheSameThread_failsLoudlyInsteadOfSigningWithTheNewerKey(KeyAlgorithm algorithm) throws Exception {
        HsmToken token = throwaway.token();
        GeneratedKey a = token.generateKey("older-" + algorithm.configName(), algorithm);
        GeneratedKey b = token.generateKey("newer-" + algorithm.configName(), algorithm);
        ContentSigner older = token.signer(a.label(), algorithm.signatureAlgorithm());
        older.getOutputStream().write(new byte[] {1});
        ContentSigner newer = token.signer(b.label(), algorithm.signatureAlgorithm());
        assertThrows(org.bouncycastle.operator.RuntimeOperatorException.class, older::getSignature);
        newer.getOutputStream().write(new byte[] {2});
        Signature verify = Signature.getInstance(algorithm.signatureAlgorithm());
        verify.initVerify(b.publicKey());
        verify.update(new byte[] {2});
        assertTrue(verify.verify(newer.getSignature()));
    }

    @Test
    void ecdsaDer_rawRAndS_isEncodedAndDerIsKept() throws Exception {
        byte[] raw = new byte[64];
        raw[31] = 5;
        raw[32] = (byte) 0x80;
        byte[] der = TokenContentSigner.Der.ecdsa(raw);
        org.bouncycastle.asn1.ASN1Sequence seq = org.bouncycastle.asn1.ASN1Sequence.getInstance(der);
        assertEquals(java.math.BigInteger.valueOf(5), org.bouncycastle.asn1.ASN1Integer.getInstance(seq.getObjectAt(0)).getValue());
        assertEquals(new java.math.BigInteger(1, java.util.Arrays.copyOfRange(raw, 32, 64)),
                org.bouncycastle.asn1.ASN1Integer.getInstance(seq.getObjectAt(1)).getValue());
        assertArrayEquals(der, TokenContentSigner.Der.ecdsa(der));
        byte[] rawStartingLikeDer = raw.clone();
        rawStartingLikeDer[0] = 0x30;
        assertEquals(false, TokenContentSigner.Der.isDer(rawStartingLikeDer));
    }

    @Test
    void generateKey_existingLabel_isRefused() throws Exception {
        HsmToken token = throwaway.token();
        token.generateKey("dup", KeyAlgorithm.ECDSA_P256);
        HsmException e = assertThrows(HsmException.class, () -> token.generateKey("dup", KeyAlgorithm.ECDSA_P256));
        assertTrue(e.getMessage().contains("already has a key labelled 'dup'"), e.getMessage());
    }

    @Test
    void open_missingToken_namesLabel() {
        HsmException e = assertThrows(HsmException.class,
                () -> HsmToken.open(SoftHsm.module(), "no-such-token-label", "1234".toCharArray()));
        assertTrue(e.getMessage().contains("no token labelled 'no-such-token-label'"), e.getMessage());
    }

    @Test
    void open_missingModule_namesPath() {
        HsmException e = assertThrows(HsmException.class,
                () -> HsmToken.open(Path.of("/nonexistent/libp11.so"), "x", "1234".toCharArray()));
        assertTrue(e.getMessage().contains("/nonexistent/libp11.so does not exist"), e.getMessage());
    }

    @Test
    void open_wrongPin_saysWrongPinAndNotThePin() throws Exception {
        // a token this JVM never logged in to: PKCS#11 login state is per process and token
        String label = ThrowawayToken.uniqueLabel("wrong-pin");
        TokenIdentity id = TokenInitializer.initialise(SoftHsm.module(), label, "so-pin-1234".toCharArray(),
                "user-pin-1234".toCharArray());
        try {
            HsmException e = assertThrows(HsmException.class,
                    () -> HsmToken.open(SoftHsm.module(), label, "not-the-pin-42".toCharArray()));
            assertEquals("login to token '" + label + "' failed: wrong PIN", e.getMessage());
        } finally {
            new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", id.serial()).start().waitFor();
        }
    }

    @Test
    void initialise_existingLabel_isRefused() {
        String label = throwaway.token().identity().label();
        HsmException e = assertThrows(HsmException.class, () -> TokenInitializer.initialise(SoftHsm.module(), label,
                "so-pin-1234".toCharArray(), "user-pin-1234".toCharArray()));
        assertTrue(e.getMessage().contains("a token labelled '" + label + "' already exists"), e.getMessage());
    }

    @Test
    void secondThrowawayToken_inSameJvm_worksBesideTheFirst() throws Exception {
        try (ThrowawayToken second = ThrowawayToken.create(SoftHsm.module(), ThrowawayToken.uniqueLabel("hsm-test-2"))) {
            GeneratedKey key = second.token().generateKey("other", KeyAlgorithm.ECDSA_P256);
            assertTrue(key.evidence().sound());
            assertTrue(throwaway.token().generateKey("after-second", KeyAlgorithm.ECDSA_P256).evidence().sound());
        }
    }

    @Test
    void pinSource_readsFirstLineOfFile_andNamesMissingEnv(@TempDir Path dir) throws Exception {
        Path pin = dir.resolve("pin");
        Files.writeString(pin, "12345678\nignored\n");
        assertArrayEquals("12345678".toCharArray(), new PinSource("file:pin").read(dir));
        HsmException e = assertThrows(HsmException.class, () -> new PinSource("env:TRUSTLINE_NO_SUCH_VAR").read(dir));
        assertEquals("PIN reference env:TRUSTLINE_NO_SUCH_VAR: environment variable is not set", e.getMessage());
    }
}
