package dev.trustline.ceremony.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.ceremony.ExampleCeremony;
import dev.trustline.core.config.ConfigException;
import dev.trustline.core.x509.Digests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per validation message: each edits the example ceremony and expects "path: message". */
class CeremonyPlannerTest {
    @TempDir
    Path dir;

    @Test
    void plan_example_isValidAndHashesTheExactBytes() throws Exception {
        Path file = ExampleCeremony.copy(dir);
        Ceremony c = CeremonyPlanner.plan(file);
        assertEquals(5, c.steps().size());
        assertEquals(Digests.sha256Hex(Files.readAllBytes(file)), c.sha256());
        assertEquals(java.util.List.of("root-key.pub.pem", "root.pem", "shenzhen.pem", "austin.pem", "root.crl"), c.outputs());
    }

    static Stream<Arguments> invalidCeremonies() {
        return Stream.of(
            Arguments.of("unknownTopLevelField", "version: 1", "version: 1\ncolour: blue", "colour: unknown field"),
            Arguments.of("unknownStepField", "    key-label: gateway-root-2026", "    key-label: gateway-root-2026\n    pin: 1234", "steps[0].pin: unknown field"),
            Arguments.of("unknownStepType", "type: issue-crl", "type: issue-ocsp", "steps[4]: unknown type 'issue-ocsp'"),
            Arguments.of("wrongVersion", "version: 1", "version: 2", "version: must be 1"),
            Arguments.of("blankLocation", "location: Example Gateways key room, Cambridge (GB)", "location: \" \"", "location: must be a place name of 1-200 characters"),
            Arguments.of("badEnvironment", "environment: production", "environment: staging", "environment: must be production or test"),
            Arguments.of("badCeremonyId", "ceremony: gateway-root-2026", "ceremony: Gateway Root", "ceremony: must be an id"),
            Arguments.of("duplicateToken", "  - factory-hsm     #", "  - root-hsm     #", "tokens[1]: 'root-hsm' is listed twice"),
            Arguments.of("unknownToken", "token: factory-hsm", "token: other-hsm", "steps[2].token: must be one of the tokens"),
            Arguments.of("duplicateStepId", "id: austin", "id: shenzhen", "steps[3].id: 'shenzhen' is used by an earlier step"),
            Arguments.of("badAlgorithm", "algorithm: ecdsa-p384", "algorithm: rsa-2048", "steps[0].algorithm: must be one of ecdsa-p256, ecdsa-p384, rsa-3072, rsa-4096"),
            Arguments.of("badKeyLabel", "key-label: gateway-root-2026", "key-label: \"root key\"", "steps[0].key-label: must be 1-64 letters"),
            Arguments.of("rootKeyNotAKeyStep", "key: root-key", "key: nothing", "steps[1].key: must name an earlier generate-key step ('nothing' is not one)"),
            Arguments.of("rootWithoutCn", "{C: GB, O: Example Gateways Ltd, CN: Example Gateways Root CA 2026}", "{C: GB, O: Example Gateways Ltd}", "steps[1].subject: must contain CN"),
            Arguments.of("badCountry", "subject: {C: GB,", "subject: {C: UK1,", "steps[1].subject.C: must be a two-letter ISO 3166 country code"),
            Arguments.of("unknownDnAttribute", "subject: {C: GB,", "subject: {XX: GB,", "steps[1].subject.XX: unknown attribute"),
            Arguments.of("environmentOidMissing", "environment-oid: 2.25.220708947282057551606405826575538957214\n", "",
                    "environment-oid: is required: the certificatePolicies OID that marks this ceremony's certificates as production (2.25.220708947282057551606405826575538957214)"),
            Arguments.of("environmentOidOfTheOtherEnvironment", "environment: production", "environment: test",
                    "environment-oid: '2.25.220708947282057551606405826575538957214' is not the test OID 2.25.200890121518020393162895830719187798140 (it is the production OID)"),
            Arguments.of("environmentOidUnknown", "environment-oid: 2.25.220708947282057551606405826575538957214", "environment-oid: 1.2.3.4",
                    "environment-oid: '1.2.3.4' is not the production OID"),
            Arguments.of("badTime", "not-after: 2046-11-01T00:00:00Z", "not-after: someday", "steps[1].validity.not-after: 'someday' is not a UTC time"),
            Arguments.of("fractionalTime", "not-after: 2046-11-01T00:00:00Z", "not-after: 2046-11-01T00:00:00.5Z", "steps[1].validity.not-after: must be a whole second"),
            Arguments.of("validityReversed", "not-after: 2046-11-01T00:00:00Z", "not-after: 2020-11-01T00:00:00Z", "steps[1].validity.not-after: must be after not-before"),
            Arguments.of("negativePathLen", "path-len: 1", "path-len: -1", "steps[1].path-len: must not be negative"),
            Arguments.of("intermediateOutlivesRoot", "not-after: 2031-11-01T00:00:00Z}\n      path-len: 0\n      ext-key-usage: [clientAuth]\n      name-constraints:\n        permitted:\n          - directory-name: {O: Example Gateways Ltd, OU: Shenzhen", "not-after: 2050-11-01T00:00:00Z}\n      path-len: 0\n      ext-key-usage: [clientAuth]\n      name-constraints:\n        permitted:\n          - directory-name: {O: Example Gateways Ltd, OU: Shenzhen", "steps[2].profile.validity.not-after: is after the issuer's not-after"),
            Arguments.of("intermediateStartsBeforeRoot", "validity: {not-before: 2026-11-01T00:00:00Z, not-after: 2031", "validity: {not-before: 2025-11-01T00:00:00Z, not-after: 2031", "steps[2].profile.validity.not-before: is before the issuer's not-before"),
            Arguments.of("pathLenNotBelowIssuer", "path-len: 0\n      ext-key-usage: [clientAuth]\n      name-constraints:\n        permitted:\n          - directory-name: {O: Example Gateways Ltd, OU: Shenzhen", "path-len: 1\n      ext-key-usage: [clientAuth]\n      name-constraints:\n        permitted:\n          - directory-name: {O: Example Gateways Ltd, OU: Shenzhen", "steps[2].profile.path-len: must be less than the issuer's path-len 1"),
            Arguments.of("unknownEku", "ext-key-usage: [clientAuth]\n      name-constraints:\n        permitted:\n          - directory-name: {O: Example Gateways Ltd, OU: Shenzhen", "ext-key-usage: [deviceAuth]\n      name-constraints:\n        permitted:\n          - directory-name: {O: Example Gateways Ltd, OU: Shenzhen", "steps[2].profile.ext-key-usage[0]: unknown extended key usage 'deviceAuth'"),
            Arguments.of("emptyEku", "ext-key-usage: [clientAuth]\n      name-constraints:\n        permitted:\n          - directory-name: {O: Example Gateways Ltd, OU: Shenzhen", "ext-key-usage: []\n      name-constraints:\n        permitted:\n          - directory-name: {O: Example Gateways Ltd, OU: Shenzhen", "steps[2].profile.ext-key-usage: must not be an empty list"),
            Arguments.of("subtreeWithTwoKinds", "- directory-name: {O: Example Gateways Ltd, OU: Shenzhen Factory}", "- {directory-name: {O: Example Gateways Ltd}, dns: example.test}", "steps[2].profile.name-constraints.permitted[0]: must give exactly one of directory-name, dns, uri"),
            Arguments.of("wildcardDns", "- dns: example-gateways.test", "- dns: \"*.example-gateways.test\"", "steps[3].profile.name-constraints.excluded[0].dns: '*.example-gateways.test' is not a host or domain name"),
            Arguments.of("emptyNameConstraints", "name-constraints:\n        permitted:\n          - directory-name: {O: Example Gateways Ltd, OU: Shenzhen Factory}", "name-constraints: {}", "steps[2].profile.name-constraints: needs at least one permitted or excluded subtree"),
            Arguments.of("badCrlUrl", "crl-distribution-points: [http://pki.example-gateways.test/root-2026.crl]\n      ca-issuers", "crl-distribution-points: [ldap://pki/root.crl]\n      ca-issuers", "steps[2].profile.crl-distribution-points[0]: 'ldap://pki/root.crl' is not an http(s) URL"),
            Arguments.of("issuerNotEarlier", "issuer: root\n    token", "issuer: austin\n    token", "steps[2].issuer: must name an earlier create-root or create-intermediate step ('austin' is not one)"),
            Arguments.of("csrAndPublicKey", "csr: inputs/austin-signer.csr", "csr: inputs/austin-signer.csr\n    public-key: inputs/x.pem", "steps[3]: must give exactly one of csr, public-key"),
            Arguments.of("missingCsrFile", "csr: inputs/austin-signer.csr", "csr: inputs/missing.csr", "steps[3].csr: cannot read"),
            Arguments.of("csrNotACsr", "csr: inputs/austin-signer.csr", "csr: root-ceremony.yaml", "is not a PEM certificate request"),
            Arguments.of("duplicateOutput", "output: austin.pem", "output: shenzhen.pem", "steps[3].output: 'shenzhen.pem' is written by an earlier step"),
            Arguments.of("outputWithPath", "output: root.crl", "output: ../root.crl", "steps[4].output: '../root.crl' must be a plain file name"),
            Arguments.of("outputIsTranscript", "output: root.crl", "output: transcript.jsonl", "not transcript.jsonl"),
            Arguments.of("crlNextBeforeThis", "next-update: 2027-05-25T00:00:00Z", "next-update: 2026-05-25T00:00:00Z", "steps[4].next-update: must be after this-update"),
            Arguments.of("crlNumberMissing", "crl-number: 1", "crl-number: -3", "steps[4].crl-number: is required and must not be negative"),
            Arguments.of("revokeBadReason", "output: root.crl", "revoke: [{certificate: inputs/austin-signer.csr, reason: lost, revoked-at: 2026-11-20}]\n    output: root.crl", "steps[4].revoke[0].reason: must be one of"),
            Arguments.of("stringForInteger", "path-len: 1", "path-len: one", "steps[1].path-len: expected an integer"),
            Arguments.of("productionWithoutAdministrator", "administrator: Ada Okafor (PKI lead)\n", "", "administrator: a production ceremony names its administrator"),
            Arguments.of("productionWithoutWitness", "witnesses: [Wen Li (internal audit), Tomás Ruiz (security)]", "witnesses: []", "witnesses: a production ceremony names at least one witness"),
            Arguments.of("noSteps", "steps:", "steps: []\nold-steps:", "old-steps: unknown field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCeremonies")
    void plan_invalidCeremony_namesPathAndProblem(String name, String from, String to, String expected) throws Exception {
        String text = ExampleCeremony.text();
        assertTrue(text.contains(from), "fixture edit not applicable: " + from);
        Path file = ExampleCeremony.write(dir, text.replace(from, to));
        ConfigException e = assertThrows(ConfigException.class, () -> CeremonyPlanner.plan(file));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void plan_manyProblems_reportsAllOfThemAtOnce() throws Exception {
        String text = ExampleCeremony.text().replace("algorithm: ecdsa-p384", "algorithm: dsa").replace("output: austin.pem", "output: root.pem");
        ConfigException e = assertThrows(ConfigException.class, () -> CeremonyPlanner.plan(ExampleCeremony.write(dir, text)));
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void plan_missingFile_saysSo() {
        ConfigException e = assertThrows(ConfigException.class, () -> CeremonyPlanner.plan(dir.resolve("none.yaml")));
        assertTrue(e.getMessage().contains("cannot read the ceremony file"), e.getMessage());
    }

    @Test
    void plan_notYaml_saysSo() throws Exception {
        Path file = ExampleCeremony.write(dir, "steps: [\n  - {");
        ConfigException e = assertThrows(ConfigException.class, () -> CeremonyPlanner.plan(file));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }
}
