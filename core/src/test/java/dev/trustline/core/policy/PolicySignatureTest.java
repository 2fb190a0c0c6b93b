package dev.trustline.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicySignatureTest {
    private static final Instant SIGNED_AT = Instant.parse("2026-11-20T14:05:09Z");
    private static final byte[] POLICY = TestPki.policyText().getBytes(StandardCharsets.UTF_8);

    private static byte[] sign(byte[] policy, KeyPair keys, X509CertificateHolder cert, Instant at) throws Exception {
        return PolicySignature.sign(policy, TestPki.signer(keys.getPrivate(), "SHA384withECDSA"), cert, at);
    }

    private static byte[] signByRoot() throws Exception {
        return sign(POLICY, TestPki.ROOT_KEYS, TestPki.ROOT, SIGNED_AT);
    }

    @Test
    void signThenVerify_returnsTheSigningTime() throws Exception {
        VerifiedPolicySignature verified = PolicySignature.verify(POLICY, signByRoot(), TestPki.ROOT);
        assertEquals(SIGNED_AT, verified.signingTime());
        assertEquals(PolicyYaml.parse(TestPki.policyText()).sha256(), verified.policySha256());
        assertEquals("C=GB,O=Example Gateways Ltd,CN=Example Gateways TEST Root CA 2026", verified.signer());
    }

    @Test
    void sign_isDetachedDer_withTheRootCertificate_andDeterministicSignedAttributes() throws Exception {
        byte[] p7s = signByRoot();
        assertArrayEquals(ASN1Primitive.fromByteArray(p7s).getEncoded(ASN1Encoding.DER), p7s, "DER, not BER");
        CMSSignedData parsed = new CMSSignedData(p7s);
        assertEquals(null, parsed.getSignedContent());
        assertEquals(1, parsed.getCertificates().getMatches(null).size());
        assertEquals(TestPki.ROOT, parsed.getCertificates().getMatches(null).iterator().next());
        SignerInformation signer = parsed.getSignerInfos().getSigners().iterator().next();
        assertNotNull(signer.getSignedAttributes().get(CMSAttributes.signingTime));
        SignerInformation again = new CMSSignedData(signByRoot()).getSignerInfos().getSigners().iterator().next();
        assertArrayEquals(signer.getEncodedSignedAttributes(), again.getEncodedSignedAttributes());
    }

    @Test
    void verify_oneChangedByte_fails() throws Exception {
        byte[] p7s = signByRoot();
        byte[] tampered = POLICY.clone();
        tampered[tampered.length - 2] ^= 0x01;
        PolicyException e = assertThrows(PolicyException.class, () -> PolicySignature.verify(tampered, p7s, TestPki.ROOT));
        assertEquals("policy signature does not verify: the policy file was changed or signed by another key",
                e.getMessage());
    }

    @Test
    void verify_signedByAnotherKey_namesTheSigner() throws Exception {
        KeyPair impostorKeys = Keys.p384("impostor");
        X509CertificateHolder impostor = TestPki.root("C=GB,O=Example Gateways Ltd,CN=Impostor Root", impostorKeys);
        byte[] p7s = sign(POLICY, impostorKeys, impostor, SIGNED_AT);
        PolicyException e = assertThrows(PolicyException.class, () -> PolicySignature.verify(POLICY, p7s, TestPki.ROOT));
        assertEquals("policy was signed by C=GB,O=Example Gateways Ltd,CN=Impostor Root, not by the trusted root "
                + "C=GB,O=Example Gateways Ltd,CN=Example Gateways TEST Root CA 2026", e.getMessage());
    }

    @Test
    void verify_rootCertificateSwappedForAnother_isRefused() throws Exception {
        byte[] p7s = sign(POLICY, TestPki.ROOT_KEYS, TestPki.ROOT, SIGNED_AT);
        PolicyException e = assertThrows(PolicyException.class,
                () -> PolicySignature.verify(POLICY, p7s, TestPki.PRODUCTION_ROOT));
        assertEquals("policy was signed by C=GB,O=Example Gateways Ltd,CN=Example Gateways TEST Root CA 2026, not by "
                + "the trusted root C=GB,O=Example Gateways Ltd,CN=Example Gateways Root CA 2026", e.getMessage());
    }

    @Test
    void verify_signingTimeOutsideTheRootsValidity_isRefused() throws Exception {
        byte[] p7s = sign(POLICY, TestPki.ROOT_KEYS, TestPki.ROOT, Instant.parse("2026-10-01T00:00:00Z"));
        PolicyException e = assertThrows(PolicyException.class, () -> PolicySignature.verify(POLICY, p7s, TestPki.ROOT));
        assertEquals("policy signing time 2026-10-01T00:00:00Z is outside the trusted root's validity "
                + "(2026-11-01T00:00:00Z to 2046-11-01T00:00:00Z)", e.getMessage());
    }

    @Test
    void verify_encapsulatedSignature_isRefused() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                .build()).build(TestPki.signer(TestPki.ROOT_KEYS.getPrivate(), "SHA384withECDSA"), TestPki.ROOT));
        byte[] p7s = generator.generate(new CMSProcessableByteArray(POLICY), true).getEncoded(ASN1Encoding.DER);
        PolicyException e = assertThrows(PolicyException.class, () -> PolicySignature.verify(POLICY, p7s, TestPki.ROOT));
        assertEquals("policy signature is not detached: it must not carry the policy itself", e.getMessage());
    }

    @Test
    void verify_garbage_isNotCms() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> PolicySignature.verify(POLICY, "not a signature".getBytes(StandardCharsets.US_ASCII), TestPki.ROOT));
        assertEquals(true, e.getMessage().startsWith("policy signature is not a CMS SignedData structure"), e.getMessage());
    }

    @Test
    void opensslCmsVerify_acceptsTheSignature_andNamesTheRootAsSigner(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("policy.yaml"), POLICY);
        Files.write(dir.resolve("policy.yaml.p7s"), signByRoot());
        OpenSsl.writePem(dir, "root.pem", TestPki.ROOT);
        OpenSsl.Result ok = opensslVerify(dir, "-signer", "signer.pem");
        assertEquals(0, ok.exit(), ok.output());
        assertEquals("CMS Verification successful\n", ok.output());
        OpenSsl.Result same = OpenSsl.run(dir, "x509", "-in", "signer.pem", "-noout", "-fingerprint", "-sha256");
        assertEquals(TestPki.sha256(TestPki.ROOT), same.output().replaceAll("(?s).*=|:|\\s", "").toLowerCase());
    }

    @Test
    void opensslCmsVerify_rejectsAChangedPolicy_andAnotherSigner(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), TestPki.policyText().replace("burst: 100", "burst: 900"));
        Files.write(dir.resolve("policy.yaml.p7s"), signByRoot());
        OpenSsl.writePem(dir, "root.pem", TestPki.ROOT);
        OpenSsl.Result changed = opensslVerify(dir);
        assertEquals(4, changed.exit(), changed.output());
        KeyPair impostorKeys = Keys.p384("impostor");
        X509CertificateHolder impostor = TestPki.root("C=GB,O=Example Gateways Ltd,CN=Impostor Root", impostorKeys);
        Files.write(dir.resolve("policy.yaml"), POLICY);
        Files.write(dir.resolve("policy.yaml.p7s"), sign(POLICY, impostorKeys, impostor, SIGNED_AT));
        OpenSsl.Result other = opensslVerify(dir);
        assertEquals(4, other.exit(), other.output());
    }

    /** The documented check (policies/README.md), at a fixed time so the test does not depend on the clock. */
    private static OpenSsl.Result opensslVerify(Path dir, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("cms", "-verify", "-binary", "-inform", "DER", "-in",
                "policy.yaml.p7s", "-content", "policy.yaml", "-CAfile", "root.pem", "-purpose", "any", "-attime",
                Long.toString(TestPki.NOW.getEpochSecond()), "-out", "/dev/null"));
        args.addAll(List.of(extra));
        return OpenSsl.run(dir, args.toArray(new String[0]));
    }
}
