package dev.trustline.ceremony.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.ExampleCeremony;
import dev.trustline.ceremony.Tools;
import dev.trustline.core.chain.CanonicalJson;
import dev.trustline.core.quorum.ApprovalSubject;
import dev.trustline.core.x509.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example in runbooks/transcript-format.md: its bash block (openssl, jq, xxd) prints what
 * the document says, and the same numbers come out of the Java code verify uses.
 */
class TranscriptFormatDocTest {
    static final Path RUNBOOK = ExampleCeremony.EXAMPLES.resolve("../../runbooks/transcript-format.md").normalize();
    static final String C = "3a0d7d8a5e1bcb2a0f3ef6c3b1b0a3e7f0b4c1d2e3f405162738495a6b7c8d9e";
    static final String T = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path dir;

    @Test
    void workedExample_bashBlockPrintsWhatTheDocumentSays() throws Exception {
        String text = Files.readString(RUNBOOK);
        int begin = text.indexOf("```bash\n", text.indexOf("<!-- BEGIN approval-example"));
        int end = text.indexOf("```\n<!-- END approval-example -->", begin);
        Path script = dir.resolve("example.sh");
        Files.writeString(script, text.substring(begin + "```bash\n".length(), end));
        Tools.Result r = Tools.run(dir, "bash", script.toString());
        assertEquals(0, r.exit(), r.output());
        int printed = text.indexOf("```\n", text.indexOf("It prints:", end)) + 4;
        String expected = text.substring(printed, text.indexOf("```", printed));
        assertEquals(expected.strip(), r.output().strip());
    }

    @Test
    void workedExample_numbersAgreeWithTheJavaVerifier() throws Exception {
        List<String> lines = printedLines();
        String stepDigest = ApprovalSubject.digestHex(C, "root", HexFormat.of().parseHex(T));
        assertEquals(lines.get(0), stepDigest);
        ObjectNode end = (ObjectNode) dev.trustline.core.config.StrictYaml.jsonMapper().readTree(endPayload());
        end.remove("approvals");
        byte[] endHash = Digests.sha256(CanonicalJson.encode(end));
        assertEquals(lines.get(2), HexFormat.of().formatHex(endHash));
        assertEquals(lines.get(3), ApprovalSubject.digestHex(C, "end", endHash));
        Signature ed = Signature.getInstance("Ed25519");
        ed.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(value("KEY")))));
        ed.update(HexFormat.of().parseHex(stepDigest));
        assertTrue(ed.verify(Base64.getDecoder().decode(value("SIG"))), "the example's signature verifies in Java too");
    }

    private static List<String> printedLines() throws Exception {
        String text = Files.readString(RUNBOOK);
        int printed = text.indexOf("```\n", text.indexOf("It prints:")) + 4;
        return text.substring(printed, text.indexOf("```", printed)).strip().lines().toList();
    }

    private static String value(String name) throws Exception {
        String text = Files.readString(RUNBOOK, StandardCharsets.UTF_8);
        int at = text.indexOf("\n" + name + "=") + name.length() + 2;
        return text.substring(at, text.indexOf('\n', at)).strip();
    }

    private static String endPayload() throws Exception {
        String v = value("END");
        return v.substring(1, v.length() - 1);
    }
}
