package dev.trustline.ceremony.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.ceremony.ExampleCeremony;
import dev.trustline.ceremony.Tools;
import dev.trustline.ceremony.cli.CeremonyCli;
import dev.trustline.ceremony.plan.Ceremony;
import dev.trustline.ceremony.plan.CeremonyPlanner;
import dev.trustline.ceremony.plan.SiteHsm;
import dev.trustline.ceremony.verify.AuditResult;
import dev.trustline.ceremony.verify.TranscriptAuditor;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.TokenIdentity;
import dev.trustline.core.hsm.TokenInitializer;
import dev.trustline.core.hsm.ThrowawayToken;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real `run` path (site HSM file, PIN references, SoftHSM2 tokens that outlive the run), with the
 * keys then inspected by pkcs11-tool. The tokens are shared by the class; each test uses its own key labels.
 */
class RealRunTest {
    static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    static final String PIN = "run-test-user-pin";

    @TempDir
    static Path work;
    static final List<TokenIdentity> created = new ArrayList<>();
    static String rootLabel;
    static String factoryLabel;
    static String lockedLabel;

    @BeforeAll
    static void createTokens() throws Exception {
        rootLabel = token("run-root");
        factoryLabel = token("run-factory");
        lockedLabel = token("run-wrong-pin");
        Files.writeString(work.resolve("user.pin"), PIN + "\n");
        Files.writeString(work.resolve("wrong.pin"), "not-the-pin\n");
    }

    private static String token(String prefix) throws Exception {
        String label = ThrowawayToken.uniqueLabel(prefix);
        created.add(TokenInitializer.initialise(MODULE, label, "run-test-so-pin".toCharArray(), PIN.toCharArray()));
        return label;
    }

    @AfterAll
    static void deleteTokens() throws Exception {
        for (TokenIdentity t : created) {
            Tools.run(work, "softhsm2-util", "--delete-token", "--serial", t.serial());
        }
    }

    @Test
    void run_example_succeedsAndKeysAreSensitiveNeverExtractableTokenObjects() throws Exception {
        Path out = work.resolve("ok/out");
        CeremonyRunner.Result result = run("ok", hsmFile("ok", rootLabel, "file:../user.pin", factoryLabel), out, new ScriptedConfirmer(true, true, true, true));
        assertEquals(64, result.chainHead().length());
        assertEquals(0, Tools.run(out, "openssl", "verify", "-CAfile", "root.pem", "shenzhen.pem", "austin.pem").exit());
        AuditResult audit = new TranscriptAuditor(out.resolve("transcript.jsonl"), out).audit();
        assertTrue(audit.ok(), audit.message());
        String transcript = Files.readString(out.resolve("transcript.jsonl"));
        assertTrue(transcript.contains("\"mode\":\"run\"") && transcript.contains("\"hsm-file-sha256\""));
        assertFalse(transcript.contains(PIN), "the transcript must never hold a PIN");
        assertKeyAttributes(rootLabel, "gateway-root-2026-ok");
        assertKeyAttributes(factoryLabel, "gateway-mfg-shenzhen-2026-ok");
    }

    private static void assertKeyAttributes(String tokenLabel, String keyLabel) throws Exception {
        Tools.Result r = Tools.run(work, Map.of("TL_TEST_PIN", PIN), "pkcs11-tool", "--module", MODULE.toString(),
                "--token-label", tokenLabel, "--login", "--pin", "env:TL_TEST_PIN", "--list-objects", "--type", "privkey");
        assertEquals(0, r.exit(), r.output());
        String block = r.output().substring(r.output().indexOf("label:      " + keyLabel));
        block = block.substring(0, block.contains("Private Key Object") ? block.indexOf("Private Key Object") : block.length());
        assertTrue(block.contains("Access:     sensitive, always sensitive, never extractable, local"), r.output());
        assertTrue(block.contains("Usage:      sign"), r.output());
        assertFalse(block.contains("decrypt") || block.contains("unwrap") || block.contains("derive"), r.output());
    }

    @Test
    void run_operatorDeclinesMidway_transcriptEndsWithAbortAndVerifySaysSo() throws Exception {
        Path out = work.resolve("declined/out");
        TrustLineException e = assertThrows(TrustLineException.class, () ->
                run("declined", hsmFile("declined", rootLabel, "file:../user.pin", factoryLabel), out, new ScriptedConfirmer(true, true, false)));
        assertTrue(e.getMessage().contains("step 'austin'"), e.getMessage());
        assertTrue(Files.exists(out.resolve("shenzhen.pem")));
        assertFalse(Files.exists(out.resolve("austin.pem")));
        AuditResult audit = new TranscriptAuditor(out.resolve("transcript.jsonl"), out).audit();
        assertFalse(audit.ok());
        assertTrue(audit.message().contains("ABORTED at step 'austin'"), audit.message());
        assertTrue(audit.message().contains("did not confirm"), audit.message());
    }

    @Test
    void run_wrongPin_isRefusedAndTheTranscriptSaysWhere() throws Exception {
        Path out = work.resolve("wrongpin/out");
        TrustLineException e = assertThrows(TrustLineException.class, () ->
                run("wrongpin", hsmFile("wrongpin", lockedLabel, "file:../wrong.pin", factoryLabel), out, new ScriptedConfirmer(true)));
        assertTrue(e.getMessage().contains("login to token '" + lockedLabel + "' failed: wrong PIN"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-pin"));
        AuditResult audit = new TranscriptAuditor(out.resolve("transcript.jsonl"), out).audit();
        assertTrue(audit.message().contains("ABORTED at step 'open-tokens'"), audit.message());
    }

    @Test
    void run_missingToken_isRefused() throws Exception {
        Path out = work.resolve("missing/out");
        TrustLineException e = assertThrows(TrustLineException.class, () ->
                run("missing", hsmFile("missing", "no-such-token", "file:../user.pin", factoryLabel), out, new ScriptedConfirmer(true)));
        assertTrue(e.getMessage().contains("no token labelled 'no-such-token'"), e.getMessage());
    }

    @Test
    void run_existingOutput_stopsBeforeTouchingTheHsm() throws Exception {
        Path out = work.resolve("existing/out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("austin.pem"), "keep me");
        TrustLineException e = assertThrows(TrustLineException.class, () ->
                run("existing", hsmFile("existing", rootLabel, "file:../user.pin", factoryLabel), out, new ScriptedConfirmer(true)));
        assertTrue(e.getMessage().contains("output already exists") && e.getMessage().contains("austin.pem"), e.getMessage());
        assertEquals("keep me", Files.readString(out.resolve("austin.pem")));
        assertFalse(Files.exists(out.resolve("transcript.jsonl")), "nothing may be written before the check");
    }

    @Test
    void run_keyLabelAlreadyOnToken_isRefused() throws Exception {
        run("dup1", hsmFile("dup1", rootLabel, "file:../user.pin", factoryLabel), work.resolve("dup1/out"), new ScriptedConfirmer(true, true, true, true));
        Path again = work.resolve("dup2");
        Files.createDirectories(again);
        Files.writeString(again.resolve("hsm.yaml"), Files.readString(work.resolve("dup1/hsm.yaml")));
        Path ceremony = ExampleCeremony.write(again, labelled("dup1"));
        TrustLineException e = assertThrows(TrustLineException.class, () -> runFile(ceremony, again.resolve("hsm.yaml"),
                again.resolve("out"), new ScriptedConfirmer(true, true, true, true)));
        assertTrue(e.getMessage().contains("already has a key labelled 'gateway-root-2026-dup1'"), e.getMessage());
    }

    @Test
    void runCli_yes_isRefused() {
        StringWriter err = new StringWriter();
        int rc = CeremonyCli.execute(new String[] {"run", "c.yaml", "--hsm", "h.yaml", "--out", "o", "--yes"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(1, rc);
        assertEquals("error: --yes is refused for run: every signature of a real ceremony needs a typed yes", err.toString().strip());
    }

    @Test
    void siteHsm_pinWrittenInline_isRejectedWithPath() throws Exception {
        Path dir = work.resolve("inline");
        Path ceremony = ExampleCeremony.write(dir, labelled("inline"));
        Files.writeString(dir.resolve("hsm.yaml"), "tokens:\n  root-hsm: {module: /x.so, label: a, pin: '1234'}\n"
                + "  factory-hsm: {module: /x.so, label: b, pin: 'file:p'}\n");
        var e = assertThrows(dev.trustline.core.config.ConfigException.class,
                () -> SiteHsm.load(dir.resolve("hsm.yaml"), CeremonyPlanner.plan(ceremony)));
        assertTrue(e.getMessage().contains("tokens.root-hsm.pin: must be a reference file:PATH or env:NAME"), e.getMessage());
    }

    /** The example with key labels made unique for this test, so tests can share the tokens. */
    private static String labelled(String suffix) throws Exception {
        return ExampleCeremony.text().replace("key-label: gateway-root-2026", "key-label: gateway-root-2026-" + suffix)
                .replace("key-label: gateway-mfg-shenzhen-2026", "key-label: gateway-mfg-shenzhen-2026-" + suffix);
    }

    private static Path hsmFile(String name, String rootToken, String rootPin, String factoryToken) throws Exception {
        Path dir = work.resolve(name);
        Files.createDirectories(dir);
        Path file = dir.resolve("hsm.yaml");
        Files.writeString(file, "tokens:\n"
                + "  root-hsm: {module: " + MODULE + ", label: " + rootToken + ", pin: '" + rootPin + "'}\n"
                + "  factory-hsm: {module: " + MODULE + ", label: " + factoryToken + ", pin: 'file:../user.pin'}\n");
        return file;
    }

    private static CeremonyRunner.Result run(String name, Path hsm, Path out, ScriptedConfirmer confirmer) throws Exception {
        Path ceremony = ExampleCeremony.write(work.resolve(name), labelled(name));
        return runFile(ceremony, hsm, out, confirmer);
    }

    private static CeremonyRunner.Result runFile(Path ceremonyFile, Path hsm, Path out, ScriptedConfirmer confirmer) throws Exception {
        Ceremony c = CeremonyPlanner.plan(ceremonyFile);
        SiteHsm site = SiteHsm.load(hsm, c);
        return new CeremonyRunner(c, new SiteTokens(site), new OutputDir(out), confirmer,
                new CeremonyRunner.Options("run", "tester", site.sha256(), Clock.systemUTC())).run();
    }
}
