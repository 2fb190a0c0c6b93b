package dev.trustline.ceremony.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/ceremony policy verify on the checked-in signed example, and on a copy with one byte changed. */
class PolicyVerifyCliTest {
    static final Path SIGNED = Path.of(System.getProperty("trustline.root", ".."), "policies/examples/signed");

    private static int run(StringWriter out, StringWriter err, String... args) {
        return CeremonyCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void policyVerify_signedExample_isOk() {
        StringWriter out = new StringWriter();
        int rc = run(out, new StringWriter(), "policy", "verify", SIGNED.resolve("shenzhen-gateways-2026.yaml").toString(),
                "--root", SIGNED.resolve("test-root.pem").toString());
        assertEquals(0, rc);
        assertTrue(out.toString().startsWith("OK: policy shenzhen-gateways-2026 v1 (test) signed by"), out.toString());
    }

    @Test
    void policyVerify_oneByteChanged_failsWithOneLine(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("p.yaml");
        Files.writeString(copy, Files.readString(SIGNED.resolve("shenzhen-gateways-2026.yaml")).replace("version: 1", "version: 2"));
        Files.copy(SIGNED.resolve("shenzhen-gateways-2026.yaml.p7s"), dir.resolve("p.yaml.p7s"));
        StringWriter err = new StringWriter();
        int rc = run(new StringWriter(), err, "policy", "verify", copy.toString(), "--root", SIGNED.resolve("test-root.pem").toString());
        assertEquals(1, rc);
        assertTrue(err.toString().startsWith("error: policy signature does not verify"), err.toString());
        assertEquals(1, err.toString().strip().lines().count());
    }
}
