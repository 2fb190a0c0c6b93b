package dev.trustline.ceremony.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.ceremony.ExampleCeremony;
import dev.trustline.ceremony.cli.CeremonyCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken ceremony files through `bin/ceremony check`: each error is one line naming its YAML path (and
 * the line where only the text is at fault), never a Java class name or a stack trace; exit code 1.
 */
class CeremonyFileErrorsTest {
    @TempDir
    Path dir;

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
            Arguments.of("stepWithoutOutput", edit("    output: root.pem\n", ""), "steps[1].output: is required"),
            Arguments.of("numberTooLargeForItsField", edit("crl-number: 1", "crl-number: 99999999999999999999999"),
                    "steps[4].crl-number: the number 99999999999999999999999 is out of range"),
            Arguments.of("intTooLarge", edit("path-len: 1", "path-len: 99999999999"), "steps[1].path-len: the number 99999999999 is out of range"),
            Arguments.of("nonUtf8Bytes", (UnaryOperator<byte[]>) b -> replace(b, "OU: Austin Factory, CN".getBytes(StandardCharsets.UTF_8),
                    new byte[] {'O', 'U', ':', ' ', 'A', (byte) 0xff, 'n', ',', ' ', 'C', 'N'}), "steps[3].profile.subject.OU: not UTF-8 text (byte 0xFF) (line"),
            Arguments.of("duplicateKey", edit("    key-label: gateway-root-2026\n", "    key-label: gateway-root-2026\n    key-label: again\n"),
                    "steps[0].key-label: the key 'key-label' appears twice in one mapping"),
            Arguments.of("duplicateTopLevelKey", edit("version: 1\n", "version: 1\nversion: 1\n"), "version: the key 'version' appears twice"),
            Arguments.of("tab", edit("    key-label: gateway-root-2026", "\tkey-label: gateway-root-2026"),
                    "steps[0].key-label: a tab character; indent and separate with spaces (line"),
            Arguments.of("emptyFile", (UnaryOperator<byte[]>) b -> new byte[0], "(root): the file is empty"),
            // found by the ceremony file's fuzz target: a null list entry reached the parser as a Java null
            Arguments.of("nullListEntry", edit("      ext-key-usage: [clientAuth]", "      ext-key-usage: [NULL, clientAuth]"),
                    "steps[2].profile.ext-key-usage[0]: is empty (null); give a value or remove the entry"),
            Arguments.of("emptyListEntry", edit("  - root-hsm        # the offline root's HSM", "  -\n  - root-hsm"),
                    "tokens[0]: is empty (null); give a value or remove the entry"),
            Arguments.of("onlyComments", (UnaryOperator<byte[]>) b -> "# nothing here\n".getBytes(StandardCharsets.UTF_8), "(root): the file is empty"),
            Arguments.of("crlOutlivesItsIssuer", edit("next-update: 2027-05-25T00:00:00Z", "next-update: 2047-05-25T00:00:00Z"),
                    "steps[4].next-update: is after the issuer's not-after 2046-11-01T00:00:00Z (a CRL may not outlive its issuer)"),
            Arguments.of("crlBeforeItsIssuer", edit("this-update: 2026-11-25T00:00:00Z", "this-update: 2026-10-25T00:00:00Z"),
                    "steps[4].this-update: is before the issuer's not-before 2026-11-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void check_brokenFile_saysWhereInOneLineWithoutJavaNames(String name, UnaryOperator<byte[]> change, String expected) throws Exception {
        Path file = ExampleCeremony.copy(dir);
        Files.write(file, change.apply(Files.readAllBytes(file)));
        StringWriter err = new StringWriter();
        int rc = CeremonyCli.execute(new String[] {"check", file.toString()}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        String message = err.toString().strip();
        assertEquals(1, rc, message);
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
        assertFalse(message.contains("\n"), "one line: " + message);
        assertFalse(message.matches("(?s).*(Exception|java\\.|\\bat [a-z]+\\.|com\\.fasterxml|`).*"), "no Java names: " + message);
    }

    static UnaryOperator<byte[]> edit(String from, String to) {
        return b -> {
            String text = new String(b, StandardCharsets.UTF_8);
            assertTrue(text.contains(from), "fixture edit not applicable: " + from);
            return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)).getBytes(StandardCharsets.UTF_8);
        };
    }

    static byte[] replace(byte[] in, byte[] from, byte[] to) {
        String s = new String(in, StandardCharsets.ISO_8859_1);
        String f = new String(from, StandardCharsets.ISO_8859_1);
        assertTrue(s.contains(f), "fixture edit not applicable");
        return s.replace(f, new String(to, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }
}
