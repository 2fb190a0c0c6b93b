package dev.trustline.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor's view: an independent tool (jq, sha256sum, bash) must agree with our encoder on
 * every byte. Skipped, with a message, only where jq or bash cannot be found.
 */
class JqCrossCheckTest {

    private static final String PER_LINE_HASH = "while IFS= read -r line; do"
            + " jq -cS 'del(.hash)' <<<\"$line\" | tr -d '\\n' | sha256sum | cut -d' ' -f1;"
            + " done < \"$1\"";

    @TempDir
    Path dir;

    private Path file;
    private VerifiedChain chain;

    @BeforeEach
    void writeTranscript() throws ChainException {
        Assumptions.assumeTrue(onPath("jq") && onPath("bash"),
                "jq or bash not found on PATH: skipping the jq cross-check of the canonical form"
                        + " (install jq with: apt-get install -y jq)");
        file = dir.resolve("transcript.jsonl");
        chain = TestChains.writeTranscript(file);
    }

    @Test
    void jq_hashOfEveryLine_equalsWrittenHash() throws Exception {
        Result result = run(PER_LINE_HASH, file);
        assertEquals(0, result.exit(), result.output());
        List<String> expected = new ArrayList<>();
        chain.entries().forEach(e -> expected.add(e.hash()));
        assertEquals(expected, Arrays.asList(result.output().split("\n")));
    }

    @Test
    void jq_canonicalForm_equalsEveryLineByteForByte() throws Exception {
        Result result = run("jq -cS . \"$1\"", file);
        assertEquals(0, result.exit(), result.output());
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), result.output());
    }

    @Test
    void runbookScript_acceptsTranscript_andRejectsTampering() throws Exception {
        String script = runbookScript();
        Result good = run(script, file);
        assertEquals(0, good.exit(), good.output());
        assertEquals("OK: 5 entries, head " + chain.head() + "\n", good.output());
        Files.writeString(file, Files.readString(file).replace("王小明", "王小朋"));
        Result bad = run(script, file);
        assertNotEquals(0, bad.exit());
        assertEquals("FAIL: line 2 (entry 1): hash does not match its content\n", bad.output());
    }

    private static String runbookScript() throws IOException {
        String root = System.getProperty("trustline.root");
        Path runbook = root == null ? null : Path.of(root, "runbooks", "transcript-format.md");
        Assumptions.assumeTrue(runbook != null && Files.exists(runbook),
                "runbooks/transcript-format.md not found (system property trustline.root)");
        String text = Files.readString(runbook, StandardCharsets.UTF_8);
        int begin = text.indexOf("```bash\n", text.indexOf("<!-- BEGIN recheck-transcript"));
        int end = text.indexOf("```\n<!-- END recheck-transcript -->", begin);
        assertTrue(begin >= 0 && end > begin, "recheck script markers missing from the runbook");
        return text.substring(begin + "```bash\n".length(), end);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String script, Path argument) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", script, "bash", argument.toString())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bash did not finish");
        return new Result(process.exitValue(), output);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
