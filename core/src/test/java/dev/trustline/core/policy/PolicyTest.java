package dev.trustline.core.policy;

import dev.trustline.core.Environment;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.core.config.ConfigException;
import dev.trustline.core.x509.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyTest {
    @Test
    void parse_basePolicy_givesEveryField() throws Exception {
        Policy p = PolicyYaml.parse(PolicyYaml.BASE);
        assertEquals("shenzhen-gateways-2026", p.id());
        assertEquals(3, p.version());
        assertEquals(Environment.TEST, p.environment());
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), p.notBefore());
        assertEquals(Instant.parse("2027-11-01T00:00:00Z"), p.notAfter());
        assertEquals(PolicyYaml.ISSUER_SHA256, p.issuer().sha256());
        assertEquals("shenzhen-01", p.factory());
        assertEquals(List.of("station-sz-01", "station-sz-02"), p.stations());
        assertEquals("GW[0-9]{10}", p.deviceId().pattern().pattern());
        assertEquals(DeviceIdChecksum.LUHN, p.deviceId().checksum());
        assertEquals(CsrField.CN, p.deviceId().csrField());
        assertEquals("O=Example Gateways Ltd,OU=Shenzhen Factory,CN=GW1234567897",
                p.leaf().subject().render("GW1234567897").toString());
        assertEquals(List.of("urn:dev:{device_id}"), p.leaf().san().uris());
        assertEquals(List.of(LeafKeyType.ECDSA_P256), p.leaf().keyTypes());
        assertEquals(7300, p.leaf().validityDays());
        assertEquals(List.of(LeafKeyUsage.DIGITAL_SIGNATURE), p.leaf().keyUsage());
        assertEquals(List.of(LeafExtKeyUsage.CLIENT_AUTH), p.leaf().extKeyUsage());
        assertEquals(new Limits(new Limits.Rate(50, 100), new Limits.Rate(200, 400), 10000, 100000), p.limits());
        assertEquals(new Reissue(false, true), p.reissue());
    }

    @Test
    void parse_keepsTheExactBytes_andTheirSha256() throws Exception {
        byte[] bytes = PolicyYaml.BASE.getBytes(StandardCharsets.UTF_8);
        Policy p = Policy.parse(bytes, "policy.yaml");
        assertArrayEquals(bytes, p.bytes());
        assertEquals(Digests.sha256Hex(bytes), p.sha256());
        p.bytes()[0] = 'X';
        assertArrayEquals(bytes, p.bytes(), "bytes() hands out a copy");
        assertEquals(p, Policy.parse(bytes.clone(), "policy.yaml"));
    }

    @Test
    void from_parsedFile_hasNoBytes_andAllowsItsStationsOnly() throws Exception {
        PolicyFile file = dev.trustline.core.config.StrictYaml.parse(PolicyYaml.BASE.getBytes(StandardCharsets.UTF_8),
                "policy.yaml", PolicyFile.class);
        Policy p = Policy.from(file, "policy.yaml");
        assertEquals(0, p.bytes().length);
        assertTrue(p.allowsStation("station-sz-02"));
        assertFalse(p.allowsStation("station-sz-03"));
    }

    @Test
    void load_readsTheFileOnce_andKeepsItsBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, PolicyYaml.BASE + "# trailing comment\n");
        Policy p = Policy.load(file);
        assertArrayEquals(Files.readAllBytes(file), p.bytes());
        ConfigException missing = assertThrows(ConfigException.class, () -> Policy.load(dir.resolve("none.yaml")));
        assertEquals(List.of("file does not exist"), missing.problems());
    }

    @Test
    void from_leavesOutOptionalSections_andTakesTheDefaults() throws Exception {
        String text = PolicyYaml.edit("key-types: [ecdsa-p256]\n", "");
        text = PolicyYaml.edit(text, "reissue:\n  allowed: false\n  revoke-previous: true\n", "");
        text = PolicyYaml.edit(text, "san:\n  uris: [\"urn:dev:{device_id}\"]\n", "");
        Policy p = PolicyYaml.parse(text);
        assertEquals(List.of(LeafKeyType.ECDSA_P256), p.leaf().keyTypes());
        assertEquals(Reissue.DEFAULT, p.reissue());
        assertTrue(p.leaf().san().isEmpty());
    }

    @Test
    void from_collectsEveryProblemAtOnce() {
        String text = PolicyYaml.edit(PolicyYaml.edit("version: 3", "version: 0"), "burst: 100", "burst: 0");
        ConfigException e = assertThrows(ConfigException.class, () -> PolicyYaml.parse(text));
        assertEquals(List.of("version: must be a positive integer", "limits.per-station.burst: must be at least 1"),
                e.problems());
        assertTrue(e.getMessage().startsWith("policy.yaml: "), e.getMessage());
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                reject("from_policyIdUppercase_isRejected", "policy: shenzhen-gateways-2026", "policy: Shenzhen-2026",
                        "policy: 'Shenzhen-2026' is not an id (lowercase letters, digits and '-', starting with a "
                                + "letter or digit, at most 63 characters)"),
                reject("from_policyIdMissing_isRejected", "policy: shenzhen-gateways-2026\n", "", "policy: is required"),
                reject("from_versionZero_isRejected", "version: 3", "version: 0", "version: must be a positive integer"),
                reject("from_environmentUnknown_isRejected", "environment: test", "environment: staging",
                        "environment: must be production or test"),
                reject("from_validWindowReversed_isRejected", "not-after: 2027-11-01T00:00:00Z",
                        "not-after: 2026-10-01T00:00:00Z", "valid.not-after: must be after not-before"),
                reject("from_validNotBeforeMalformed_isRejected", "not-before: 2026-11-01T00:00:00Z",
                        "not-before: tomorrow", "valid.not-before: 'tomorrow' is not a UTC time like "
                                + "2026-11-01T00:00:00Z or a date like 2026-11-01"),
                reject("from_validFractionalSecond_isRejected", "not-before: 2026-11-01T00:00:00Z",
                        "not-before: 2026-11-01T00:00:00.5Z", "valid.not-before: must be a whole second"),
                reject("from_validMissing_isRejected", "valid: {not-before: 2026-11-01T00:00:00Z, "
                        + "not-after: 2027-11-01T00:00:00Z}\n", "", "valid: is required"),
                reject("from_issuerShaUppercase_isRejected", PolicyYaml.ISSUER_SHA256,
                        PolicyYaml.ISSUER_SHA256.toUpperCase(), "issuer.certificate-sha256: must be 64 lowercase hex "
                                + "digits: the SHA-256 of the issuing intermediate's DER certificate (or public key)"),
                reject("from_issuerShaMissing_isRejected", "  certificate-sha256: \"" + PolicyYaml.ISSUER_SHA256 + "\"",
                        "  {}", "issuer: give exactly one of certificate-sha256, public-key-sha256"),
                reject("from_issuerBothBindings_isRejected", "  certificate-sha256: \"" + PolicyYaml.ISSUER_SHA256 + "\"",
                        "  certificate-sha256: \"" + PolicyYaml.ISSUER_SHA256 + "\"\n  public-key-sha256: \"" + PolicyYaml.ISSUER_SHA256 + "\"",
                        "issuer: give exactly one of certificate-sha256, public-key-sha256"),
                reject("from_factoryNotAnId_isRejected", "factory: shenzhen-01", "factory: Shenzhen 01",
                        "factory: 'Shenzhen 01' is not an id (lowercase letters, digits and '-', starting with a "
                                + "letter or digit, at most 63 characters)"),
                reject("from_stationsEmpty_isRejected", "stations:\n  - station-sz-01\n  - station-sz-02",
                        "stations: []", "stations: must list at least one station"),
                reject("from_stationListedTwice_isRejected", "  - station-sz-02", "  - station-sz-01",
                        "stations[1]: 'station-sz-01' is listed twice"),
                reject("from_stationWithOuterSpace_isRejected", "  - station-sz-02", "  - \" station-sz-02\"",
                        "stations[1]: must be a station certificate's CN: at most 64 characters, no leading or "
                                + "trailing spaces"),
                reject("from_patternDoesNotCompile_isRejected", "\"GW[0-9]{10}\"", "\"GW[0-9{10}\"",
                        "device-id.pattern: not a valid Java regular expression: Unclosed character class near index 9"),
                reject("from_checksumUnknown_isRejected", "checksum: luhn", "checksum: crc32",
                        "device-id.checksum: unknown checksum 'crc32' (allowed: luhn, iso7064-mod97-10, none)"),
                reject("from_csrFieldUnknown_isRejected", "csr-field: cn", "csr-field: serialNumber",
                        "device-id.csr-field: must be cn or none"),
                reject("from_deviceIdMissing_isRejected", "device-id:\n  pattern: \"GW[0-9]{10}\"\n  checksum: luhn\n"
                        + "  csr-field: cn\n", "", "device-id: is required"),
                reject("from_subjectEntryWithTwoAttributes_isRejected", "  - {O: Example Gateways Ltd}",
                        "  - {C: GB, O: Example Gateways Ltd}", "subject[0]: each entry must be a mapping with "
                                + "exactly one attribute, like {O: Example Ltd}"),
                reject("from_subjectUnknownAttribute_isRejected", "  - {O: Example Gateways Ltd}",
                        "  - {EMAIL: ops@example.test}", "subject[0].EMAIL: unknown attribute (allowed: C, ST, L, O, "
                                + "OU, CN, SERIALNUMBER, DC)"),
                reject("from_subjectUnknownPlaceholder_isRejected", "{CN: \"{device_id}\"}", "{CN: \"{serial}\"}",
                        "subject[2].CN: '{serial}' is not a placeholder; {device_id} is the only one allowed"),
                reject("from_subjectWithoutCn_isRejected", "  - {CN: \"{device_id}\"}\n", "",
                        "subject: must contain exactly one CN"),
                reject("from_subjectTwoCns_isRejected", "  - {OU: Shenzhen Factory}", "  - {CN: Shenzhen Factory}",
                        "subject: must contain exactly one CN"),
                reject("from_subjectCountryNotIsoCode_isRejected", "  - {O: Example Gateways Ltd}", "  - {C: UK1}",
                        "subject[0].C: must be a two-letter ISO 3166 country code such as GB"),
                reject("from_subjectValueTooLong_isRejected", "{OU: Shenzhen Factory}", "{OU: " + "x".repeat(65) + "}",
                        "subject[1].OU: is longer than 64 characters"),
                reject("from_subjectEmptyValue_isRejected", "{OU: Shenzhen Factory}", "{OU: \"\"}",
                        "subject[1].OU: is required"),
                reject("from_deviceIdInNoName_isRejected", "uris: [\"urn:dev:{device_id}\"]", "dns: [gw.example.test]",
                        "{CN: \"{device_id}\"}", "{CN: Gateway}", "subject: {device_id} must appear in the subject or "
                                + "in san, or every device would get the same name"),
                reject("from_sanUriWithoutScheme_isRejected", "\"urn:dev:{device_id}\"", "\"dev-{device_id}\"",
                        "san.uris[0]: 'dev-{device_id}' is not an absolute URI (it needs a scheme such as urn: or "
                                + "https:, and no spaces)"),
                reject("from_sanDnsWildcard_isRejected", "uris: [\"urn:dev:{device_id}\"]",
                        "dns: [\"*.{device_id}.example.test\"]", "san.dns[0]: '*.{device_id}.example.test' is not a "
                                + "host name (letters, digits, '-' and '.'; no wildcards)"),
                reject("from_sanWithoutNames_isRejected", "  uris: [\"urn:dev:{device_id}\"]", "  {}",
                        "san: must give uris or dns (or leave san out)"),
                reject("from_sanUrisEmptyList_isRejected", "uris: [\"urn:dev:{device_id}\"]", "uris: []",
                        "san.uris: must not be an empty list (leave it out)"),
                reject("from_keyTypeRsa2048_isRejected", "key-types: [ecdsa-p256]", "key-types: [rsa-2048]",
                        "key-types[0]: unknown key type 'rsa-2048' (allowed: ecdsa-p256, ecdsa-p384, ed25519, "
                                + "rsa-3072, rsa-4096)"),
                reject("from_keyTypeListedTwice_isRejected", "key-types: [ecdsa-p256]",
                        "key-types: [ecdsa-p256, ecdsa-p256]", "key-types[1]: 'ecdsa-p256' is listed twice"),
                reject("from_keyTypesEmpty_isRejected", "key-types: [ecdsa-p256]", "key-types: []",
                        "key-types: must not be an empty list"),
                reject("from_leafValidityZero_isRejected", "leaf-validity-days: 7300", "leaf-validity-days: 0",
                        "leaf-validity-days: must be a positive number of days"),
                reject("from_keyCertSign_isRejected", "key-usage: [digitalSignature]",
                        "key-usage: [digitalSignature, keyCertSign]",
                        "key-usage[1]: keyCertSign is for CA certificates and is never allowed in a policy"),
                reject("from_keyUsageUnknown_isRejected", "key-usage: [digitalSignature]",
                        "key-usage: [nonRepudiation]", "key-usage[0]: unknown value 'nonRepudiation' (allowed: "
                                + "digitalSignature, keyAgreement, keyEncipherment)"),
                reject("from_keyUsageWithoutDigitalSignature_isRejected", "key-usage: [digitalSignature]",
                        "key-usage: [keyAgreement]", "key-usage: must include digitalSignature"),
                reject("from_keyEnciphermentWithEcKeys_isRejected", "key-usage: [digitalSignature]",
                        "key-usage: [digitalSignature, keyEncipherment]",
                        "key-usage: keyEncipherment needs every allowed key type to be RSA"),
                reject("from_keyAgreementWithRsaKeys_isRejected", "key-usage: [digitalSignature]",
                        "key-usage: [digitalSignature, keyAgreement]", "key-types: [ecdsa-p256]",
                        "key-types: [rsa-3072]", "key-usage: keyAgreement needs every allowed key type to be ECDSA"),
                reject("from_extKeyUsageUnknown_isRejected", "ext-key-usage: [clientAuth]",
                        "ext-key-usage: [codeSigning]", "ext-key-usage[0]: unknown value 'codeSigning' (allowed: "
                                + "clientAuth, serverAuth)"),
                reject("from_extKeyUsageMissing_isRejected", "ext-key-usage: [clientAuth]\n", "",
                        "ext-key-usage: is required"),
                reject("from_ratePerSecondZero_isRejected", "rate-per-second: 50", "rate-per-second: 0",
                        "limits.per-station.rate-per-second: must be a positive integer"),
                reject("from_burstZero_isRejected", "burst: 400", "burst: 0",
                        "limits.per-policy.burst: must be at least 1"),
                reject("from_burstMissing_isRejected", "{rate-per-second: 200, burst: 400}", "{rate-per-second: 200}",
                        "limits.per-policy.burst: is required"),
                reject("from_perDayAboveTotal_isRejected", "per-day: 10000", "per-day: 100001",
                        "limits.per-day: must not exceed limits.total (100000)"),
                reject("from_totalZero_isRejected", "total: 100000", "total: 0", "limits.total: must be a positive integer"),
                reject("from_perStationMissing_isRejected", "  per-station: {rate-per-second: 50, burst: 100}\n", "",
                        "limits.per-station: is required"));
    }

    private static Arguments reject(String name, String from, String to, String problem) {
        return Arguments.of(name, PolicyYaml.edit(from, to), problem);
    }

    private static Arguments reject(String name, String from1, String to1, String from2, String to2, String problem) {
        return Arguments.of(name, PolicyYaml.edit(PolicyYaml.edit(from1, to1), from2, to2), problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void from_invalidPolicy_isRejectedWithItsYamlPath(String name, String text, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> PolicyYaml.parse(text), name);
        assertEquals(List.of(problem), e.problems(), name);
    }

    @Test
    void parse_unknownField_isRejectedWithItsPath() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PolicyYaml.parse(PolicyYaml.edit("burst: 100", "burst: 100, rate: 3")));
        assertTrue(e.problems().get(0).startsWith("limits.per-station.rate: unknown field (allowed: burst, "
                + "rate-per-second)"), e.problems().toString());
    }

    @Test
    void parse_versionAsString_isRejected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PolicyYaml.parse(PolicyYaml.edit("version: 3", "version: \"3\"")));
        assertTrue(e.problems().get(0).startsWith("version: expected an integer"), e.problems().toString());
    }

    @Test
    void parse_duplicateKey_isRejected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PolicyYaml.parse(PolicyYaml.edit("factory: shenzhen-01", "factory: shenzhen-01\nfactory: x")));
        assertTrue(e.getMessage().contains("factory"), e.getMessage());
    }

    @Test
    void exampleInRepository_isValid_andAllowsItsDocumentedDeviceIds() throws Exception {
        String root = System.getProperty("trustline.root");
        Path example = root == null ? null : Path.of(root, "policies", "examples", "shenzhen-gateways-2026.yaml");
        Assumptions.assumeTrue(example != null && Files.exists(example), "policies/examples not found");
        Policy p = Policy.load(example);
        assertEquals(Environment.TEST, p.environment());
        assertTrue(p.deviceId().violation("GW1234567897").isEmpty());
        assertFalse(p.deviceId().violation("GW1234567890").isEmpty());
    }
}
