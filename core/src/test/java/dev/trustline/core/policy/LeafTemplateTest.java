package dev.trustline.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.core.lint.CertKind;
import dev.trustline.core.lint.CertificateUnderLint;
import dev.trustline.core.lint.LintReport;
import dev.trustline.core.lint.LintRunner;
import dev.trustline.core.x509.KeyIds;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeafTemplateTest {
    private static final String DEVICE_ID = "GW1234567897";
    private static final KeyPair DEVICE_KEYS = Keys.p256("device");
    private static final BigInteger SERIAL = new BigInteger("5f3c0a1b2c3d4e5f60718293a4b5c6d7", 16);

    private static TBSCertificate tbs(Policy policy, String deviceId, KeyPair device, Instant now)
            throws PolicyException {
        return LeafTemplate.build(policy, deviceId, Keys.spki(device), TestPki.INTERMEDIATE, SERIAL, now,
                "SHA256withECDSA");
    }

    private static X509CertificateHolder leaf(Policy policy) throws PolicyException {
        return TestPki.sign(tbs(policy, DEVICE_ID, DEVICE_KEYS, TestPki.NOW), TestPki.INTERMEDIATE_KEYS.getPrivate(),
                "SHA256withECDSA");
    }

    @Test
    void build_followsThePolicy_andTakesOnlyTheKeyFromTheRequest() throws Exception {
        X509CertificateHolder leaf = leaf(TestPki.policy());
        assertEquals("O=Example Gateways Ltd,OU=Shenzhen Factory,CN=GW1234567897", leaf.getSubject().toString());
        assertEquals(TestPki.INTERMEDIATE.getSubject(), leaf.getIssuer());
        assertEquals(SERIAL, leaf.getSerialNumber());
        assertEquals(Instant.parse("2026-12-01T08:30:15Z"), leaf.getNotBefore().toInstant());
        assertEquals(TestPki.INTERMEDIATE.getNotAfter(), leaf.getNotAfter(), "7300 days are clipped to the issuer");
        assertEquals(Keys.spki(DEVICE_KEYS), leaf.getSubjectPublicKeyInfo());
        Extension bc = leaf.getExtension(Extension.basicConstraints);
        assertTrue(bc.isCritical());
        assertFalse(BasicConstraints.getInstance(bc.getParsedValue()).isCA());
        Extension ku = leaf.getExtension(Extension.keyUsage);
        assertTrue(ku.isCritical());
        assertEquals(new KeyUsage(KeyUsage.digitalSignature), KeyUsage.getInstance(ku.getParsedValue()));
        assertEquals(new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth),
                ExtendedKeyUsage.fromExtensions(leaf.getExtensions()));
        assertArrayEquals(KeyIds.ski(TestPki.INTERMEDIATE.getSubjectPublicKeyInfo()),
                AuthorityKeyIdentifier.fromExtensions(leaf.getExtensions()).getKeyIdentifierOctets());
        Extension san = leaf.getExtension(Extension.subjectAlternativeName);
        assertFalse(san.isCritical());
        assertEquals(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, "urn:dev:GW1234567897")),
                GeneralNames.getInstance(san.getParsedValue()));
    }

    @Test
    void build_shortValidity_isNotClipped() throws Exception {
        Policy policy = PolicyYaml.parse(PolicyYaml.edit(TestPki.policyText(), "leaf-validity-days: 7300",
                "leaf-validity-days: 30"));
        assertEquals(Instant.parse("2026-12-31T08:30:15Z"), leaf(policy).getNotAfter().toInstant());
    }

    @Test
    void build_passesEveryStandardLint_asALeafOfTheScopedIntermediate() throws Exception {
        LintReport report = LintRunner.standard().run(new CertificateUnderLint(leaf(TestPki.policy()),
                TestPki.INTERMEDIATE, CertKind.LEAF));
        assertEquals(List.of(), report.failureMessages());
    }

    @Test
    void build_chainIsAcceptedByOpensslVerify(@TempDir Path dir) throws Exception {
        OpenSsl.writePem(dir, "root.pem", TestPki.ROOT);
        OpenSsl.writePem(dir, "int.pem", TestPki.INTERMEDIATE);
        OpenSsl.writePem(dir, "leaf.pem", leaf(TestPki.policy()));
        String at = Long.toString(TestPki.NOW.getEpochSecond());
        OpenSsl.Result result = OpenSsl.run(dir, "verify", "-x509_strict", "-attime", at, "-purpose", "sslclient",
                "-CAfile", "root.pem", "-untrusted", "int.pem", "leaf.pem");
        assertEquals(0, result.exit(), result.output());
        assertEquals("leaf.pem: OK\n", result.output());
    }

    @Test
    void build_outsideTheIntermediatesNameConstraints_isRejectedByOpenssl(@TempDir Path dir) throws Exception {
        Policy policy = PolicyYaml.parse(PolicyYaml.edit(TestPki.policyText(), "{OU: Shenzhen Factory}",
                "{OU: Austin Factory}"));
        OpenSsl.writePem(dir, "root.pem", TestPki.ROOT);
        OpenSsl.writePem(dir, "int.pem", TestPki.INTERMEDIATE);
        OpenSsl.writePem(dir, "leaf.pem", leaf(policy));
        OpenSsl.Result result = OpenSsl.run(dir, "verify", "-attime", Long.toString(TestPki.NOW.getEpochSecond()),
                "-CAfile", "root.pem", "-untrusted", "int.pem", "leaf.pem");
        assertTrue(result.exit() != 0 && result.output().contains("permitted subtree violation"), result.output());
    }

    @Test
    void build_badDeviceId_isRefused() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> tbs(TestPki.policy(), "GW1234567890", DEVICE_KEYS, TestPki.NOW));
        assertEquals("device ID 'GW1234567890' fails its luhn checksum", e.getMessage());
    }

    @Test
    void build_keyTypeOutsideThePolicy_isRefused() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> tbs(TestPki.policy(), DEVICE_ID, Keys.p384("device"), TestPki.NOW));
        assertEquals("key type ecdsa-p384 is not allowed by policy shenzhen-gateways-2026 (allowed: ecdsa-p256)",
                e.getMessage());
    }

    @Test
    void build_afterThePolicyExpired_isRefused() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> tbs(TestPki.policy(), DEVICE_ID, DEVICE_KEYS, Instant.parse("2027-11-01T00:00:01Z")));
        assertEquals("policy shenzhen-gateways-2026 is not valid at 2027-11-01T00:00:01Z (valid from "
                + "2026-11-01T00:00:00Z to 2027-11-01T00:00:00Z)", e.getMessage());
    }

    @Test
    void build_underAnotherIssuer_isRefused() throws Exception {
        Policy policy = PolicyYaml.parse(PolicyYaml.BASE);
        PolicyException e = assertThrows(PolicyException.class, () -> tbs(policy, DEVICE_ID, DEVICE_KEYS, TestPki.NOW));
        assertTrue(e.getMessage().startsWith("issuer C=GB,O=Example Gateways Ltd,OU=Shenzhen Factory,CN=Gateway "
                + "Manufacturing CA Shenzhen 2026 is not the intermediate policy shenzhen-gateways-2026 names"),
                e.getMessage());
    }

    @Test
    void build_beforeTheIssuerIsValid_isRefused() throws Exception {
        Policy policy = PolicyYaml.parse(PolicyYaml.edit(TestPki.policyText(), "not-before: 2026-11-01T00:00:00Z",
                "not-before: 2026-10-01T00:00:00Z"));
        PolicyException e = assertThrows(PolicyException.class,
                () -> tbs(policy, DEVICE_ID, DEVICE_KEYS, Instant.parse("2026-10-15T00:00:00Z")));
        assertTrue(e.getMessage().endsWith("is not valid at 2026-10-15T00:00:00Z"), e.getMessage());
    }

    @Test
    void build_deviceIdThatBreaksTheSanUri_isRefused() throws Exception {
        String text = PolicyYaml.edit(TestPki.policyText(), "\"GW[0-9]{10}\"", "\"GW[0-9 ]{10}\"");
        Policy policy = PolicyYaml.parse(PolicyYaml.edit(text, "checksum: luhn", "checksum: none"));
        PolicyException e = assertThrows(PolicyException.class,
                () -> tbs(policy, "GW12345 6789", DEVICE_KEYS, TestPki.NOW));
        assertEquals("subjectAltName URI 'urn:dev:GW12345 6789' for device ID 'GW12345 6789' is not a valid URI",
                e.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"the example policy", "the base policy"})
    void build_reusingEncodedExtensions_givesTheBytesOfAFreshBuild(String which) throws Exception {
        String text = which.startsWith("the") ? TestPki.policyText() : PolicyYaml.BASE;
        Instant now = TestPki.NOW;
        Policy warm = PolicyYaml.parse(text);
        KeyPair other = Keys.p256("other device");
        tbs(warm, "GW0000000018", other, now); // the first device of the policy: encodes every extension
        byte[] reused = tbs(warm, DEVICE_ID, DEVICE_KEYS, now).getEncoded("DER");
        byte[] fresh = tbs(PolicyYaml.parse(text), DEVICE_ID, DEVICE_KEYS, now).getEncoded("DER"); // another policy object
        org.junit.jupiter.api.Assertions.assertArrayEquals(fresh, reused);
    }
}
