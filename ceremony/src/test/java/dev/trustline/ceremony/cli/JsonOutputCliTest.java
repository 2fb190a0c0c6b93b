package dev.trustline.ceremony.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --json output: one JSON object on standard output, same exit codes, for policy verify and (no transcript) verify. */
class JsonOutputCliTest {
    static final Path SIGNED = Path.of(System.getProperty("trustline.root", ".."), "policies/examples/signed");
    static final ObjectMapper JSON = new ObjectMapper();

    private static int run(StringWriter out, String... args) {
        return CeremonyCli.execute(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
    }

    @Test
    void policyVerify_json_signedExample() throws Exception {
        StringWriter out = new StringWriter();
        int rc = run(out, "policy", "verify", SIGNED.resolve("shenzhen-gateways-2026.yaml").toString(),
                "--root", SIGNED.resolve("test-root.pem").toString(), "--json");
        assertEquals(0, rc, out.toString());
        JsonNode o = JSON.readTree(out.toString());
        assertTrue(o.path("ok").asBoolean(), o.toString());
        assertEquals("shenzhen-gateways-2026", o.path("policy").asText());
        assertEquals(64, o.path("policy_sha256").asText().length(), o.toString());
    }

    @Test
    void policyVerify_json_oneByteChanged_isOkFalseWithTheError(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("p.yaml");
        Files.writeString(copy, Files.readString(SIGNED.resolve("shenzhen-gateways-2026.yaml")).replace("version: 1", "version: 2"));
        Files.copy(SIGNED.resolve("shenzhen-gateways-2026.yaml.p7s"), dir.resolve("p.yaml.p7s"));
        StringWriter out = new StringWriter();
        int rc = run(out, "policy", "verify", copy.toString(), "--root", SIGNED.resolve("test-root.pem").toString(), "--json");
        assertEquals(1, rc);
        JsonNode o = JSON.readTree(out.toString());
        assertFalse(o.path("ok").asBoolean(), o.toString());
        assertTrue(o.path("error").asText().startsWith("policy signature does not verify"), o.toString());
    }

    @Test
    void verify_json_missingTranscript_isOkFalse(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        int rc = run(out, "verify", dir.resolve("transcript.jsonl").toString(), "--json", "--no-roster");
        assertEquals(1, rc);
        JsonNode o = JSON.readTree(out.toString());
        assertFalse(o.path("ok").asBoolean(), o.toString());
        assertFalse(o.path("message").asText().isEmpty(), o.toString());
    }
}
