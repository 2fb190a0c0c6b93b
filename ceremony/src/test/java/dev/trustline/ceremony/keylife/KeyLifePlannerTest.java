package dev.trustline.ceremony.keylife;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.ceremony.ExampleCeremony;
import dev.trustline.ceremony.plan.Ceremony;
import dev.trustline.ceremony.plan.CeremonyPlanner;
import dev.trustline.core.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The later-days steps (existing-ca, cross-sign, revoke) are checked before any HSM opens: one case per message. */
class KeyLifePlannerTest {
    @TempDir
    Path dir;

    static Path copy(Path dir, String example, String from, String to) throws Exception {
        Files.createDirectories(dir.resolve("inputs"));
        for (String input : List.of("root-2026.pem", "austin-2026.pem", "root-2026-crl-1.crl", "austin-signer.csr")) {
            Files.copy(ExampleCeremony.EXAMPLES.resolve("inputs/" + input), dir.resolve("inputs/" + input),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String text = Files.readString(ExampleCeremony.EXAMPLES.resolve(example));
        if (from != null) {
            assertTrue(text.contains(from), "edit not applicable: " + from);
            text = text.replace(from, to);
        }
        Path file = dir.resolve(example);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void plan_examples_areValid() throws Exception {
        Ceremony rollover = CeremonyPlanner.plan(copy(dir, "rollover.yaml", null, null));
        assertEquals(List.of("existing-ca", "generate-key", "create-root", "cross-sign", "cross-sign"),
                rollover.steps().stream().map(s -> s.type()).toList());
        Ceremony revoke = CeremonyPlanner.plan(copy(dir, "revoke-intermediate.yaml", null, null));
        assertEquals(List.of("existing-ca", "revoke"), revoke.steps().stream().map(s -> s.type()).toList());
        Ceremony retire = CeremonyPlanner.plan(copy(dir, "retire-root.yaml", null, null));
        assertEquals(List.of("destroy-key"), retire.steps().stream().map(s -> s.type()).toList());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
            Arguments.of("existingCaNotARoot", "rollover.yaml", "certificate: inputs/root-2026.pem", "certificate: inputs/austin-2026.pem",
                "steps[0].certificate: ", "is not a root (a self-issued CA certificate)"),
            Arguments.of("existingCaUnknownToken", "rollover.yaml", "    token: root-hsm\n", "    token: other-hsm\n",
                "steps[0].token: must be one of the tokens", ""),
            Arguments.of("crossSignIssuerNotARoot", "rollover.yaml", "issuer: root-2026          # the old", "issuer: root-2036-key          # the old",
                "steps[3].issuer: must name an earlier create-root or existing-ca step ('root-2036-key' is not one)", ""),
            Arguments.of("crossSignItself", "rollover.yaml", "subject-ca: root-2036", "subject-ca: root-2026",
                "steps[3].subject-ca: must be another root than the issuer", ""),
            Arguments.of("crossSignOutlivesIssuer", "rollover.yaml", "not-after: 2036-12-01T00:00:00Z}", "not-after: 2050-12-01T00:00:00Z}",
                "steps[3].validity.not-after: is after the issuer's not-after 2046-11-01T00:00:00Z", ""),
            Arguments.of("crossSignOutlivesSubject", "rollover.yaml", "not-after: 2046-11-01T00:00:00Z}\n    path-len: 1", "not-after: 2056-11-01T00:00:00Z}\n    path-len: 1",
                "steps[4].validity.not-after: is after the subject root's own not-after 2046-11-01T00:00:00Z", ""),
            Arguments.of("crossSignPathLenNotBelowIssuer", "rollover.yaml", "path-len: 0   ", "path-len: 1   ",
                "steps[3].path-len: must be less than the issuer's path-len 1", ""),
            Arguments.of("revokeBothCertificateAndSerial", "revoke-intermediate.yaml", "reason: keyCompromise", "reason: keyCompromise\n    serial: 1a2b",
                "steps[1]: give exactly one of certificate: FILE or serial: HEX", ""),
            Arguments.of("revokeMissingReason", "revoke-intermediate.yaml", "    reason: keyCompromise\n", "\n",
                "steps[1].reason: must be one of", ""),
            Arguments.of("revokeBadReason", "revoke-intermediate.yaml", "reason: keyCompromise", "reason: stolen",
                "steps[1].reason: must be one of", ""),
            Arguments.of("revokeInvalidityAfterRevocation", "revoke-intermediate.yaml", "invalidity-date: 2026-12-01T00:00:00Z", "invalidity-date: 2026-12-05T00:00:00Z",
                "steps[1].invalidity-date: must not be after the revocation time 2026-12-04T00:00:00Z", ""),
            Arguments.of("revokeCrlNumberNotIncreasing", "revoke-intermediate.yaml", "crl-number: 2 ", "crl-number: 1 ",
                "steps[1].crl-number: must be greater than the previous CRL's number 1", ""),
            Arguments.of("revokeIssuerNotARoot", "revoke-intermediate.yaml", "    issuer: root-2026\n", "    issuer: nothing\n",
                "steps[1].issuer: must name an earlier create-root or existing-ca step ('nothing' is not one)", ""),
            Arguments.of("destroyKeyOutputNotJson", "retire-root.yaml", "output: root-hsm-objects-after.json", "output: objects.txt",
                "steps[0].output: must be NAME.json (the token's object listing after the deletion)", ""),
            Arguments.of("destroyKeyUnknownToken", "retire-root.yaml", "    token: root-hsm\n", "    token: other-hsm\n",
                "steps[0].token: must be one of the tokens", ""),
            Arguments.of("revokeBadSerial", "revoke-intermediate.yaml", "certificate: inputs/austin-2026.pem ", "serial: xyz ",
                "steps[1].serial: must be the serial in hex", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void plan_invalid_namesTheYamlPath(String name, String example, String from, String to, String expected, String alsoExpected)
            throws Exception {
        Path plan = copy(dir, example, from, to);
        ConfigException e = assertThrows(ConfigException.class, () -> CeremonyPlanner.plan(plan));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(alsoExpected), e.getMessage());
    }
}
