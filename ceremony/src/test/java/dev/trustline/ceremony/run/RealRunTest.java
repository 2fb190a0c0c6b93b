package dev.trustline.ceremony.run;

import dev.trustline.ceremony.transcript.OutputDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.ceremony.ExampleCeremony;
import dev.trustline.ceremony.TestQuorum;
import dev.trustline.ceremony.Tools;
import dev.trustline.ceremony.cli.CeremonyCli;
import dev.trustline.ceremony.plan.Ceremony;
import dev.trustline.ceremony.plan.CeremonyPlanner;
import dev.trustline.ceremony.plan.SiteHsm;
import dev.trustline.ceremony.quorum.PassphraseFiles;
import dev.trustline.ceremony.quorum.TokenEnrolment;
import dev.trustline.core.Environment;
import dev.trustline.core.quorum.KdfParams;
import dev.trustline.ceremony.verify.AuditResult;
import dev.trustline.ceremony.verify.TranscriptAuditor;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.config.ConfigException;
import dev.trustline.core.hsm.TokenIdentity;
import dev.trustline.core.hsm.TokenInitializer;
import dev.trustline.core.hsm.ThrowawayToken;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real `run` path on SoftHSM2 tokens that outlive the run: tokens under 2-of-3 officer quorum (test
 * rosters), site HSM file, cards and passphrase files; keys then inspected with pkcs11-tool. Tokens are
 * shared by the class; each test uses its own key labels.
 */
class RealRunTest {
    static final Path MODULE = TestQuorum.MODULE;

    @TempDir
    static Path work;
    static TestQuorum root;
    static TestQuorum factory;
    static final List<TokenIdentity> pinTokens = new ArrayList<>();
    static String pinTokenLabel;

    @BeforeAll
    static void createTokens() throws Exception {
        root = TestQuorum.enrol(work.resolve("q-root"), "run-root", 2, "alice", "bob", "carol");
        factory = TestQuorum.enrol(work.resolve("q-factory"), "run-factory", 2, "dave", "erin", "frank");
        pinTokenLabel = ThrowawayToken.uniqueLabel("run-pin");
        pinTokens.add(TokenInitializer.initialise(MODULE, pinTokenLabel, "so-pin-for-test".toCharArray(), "user-pin-for-test".toCharArray()));
        Files.writeString(work.resolve("wrong.pin"), "not-the-pin\n");
    }

    @AfterAll
    static void deleteTokens() throws Exception {
        for (String label : List.of(root.tokenLabel, factory.tokenLabel)) {
            Tools.run(work, "softhsm2-util", "--delete-token", "--token", label);
        }
        for (TokenIdentity t : pinTokens) {
            Tools.run(work, "softhsm2-util", "--delete-token", "--serial", t.serial());
        }
    }

    @Test
    void run_underQuorum_succeedsVerifiesAndKeysAreSensitiveNeverExtractable() throws Exception {
        Path out = work.resolve("ok/out");
        CeremonyRunner.Result result = run("ok", allCards(), passphrases(), out, new ScriptedConfirmer(true, true, true, true));
        assertEquals(64, result.chainHead().length());
        assertEquals(0, Tools.run(out, "openssl", "verify", "-CAfile", "root.pem", "shenzhen.pem", "austin.pem").exit());
        AuditResult audit = new TranscriptAuditor(out.resolve("transcript.jsonl"), out, List.of(root.rosterFile, factory.rosterFile)).audit();
        assertTrue(audit.ok(), audit.message());
        String transcript = Files.readString(out.resolve("transcript.jsonl"));
        assertTrue(transcript.contains("\"mode\":\"run\"") && transcript.contains("\"roster-sha256\":\"" + root.roster.sha256Hex()));
        assertTrue(transcript.contains("\"type\":\"approvals\"") && transcript.contains("\"type\":\"activation\""));
        assertKeyAttributes(root, "gateway-root-2026-ok");
        assertKeyAttributes(factory, "gateway-mfg-shenzhen-2026-ok");
        for (Path f : root.passphraseFiles.values()) {
            assertFalse(transcript.contains(Files.readString(f).strip()), "a passphrase reached the transcript");
        }
    }

    private static void assertKeyAttributes(TestQuorum q, String keyLabel) throws Exception {
        Tools.Result r = Tools.run(work, Map.of("TL_TEST_PIN", q.pinForInspection(work)), "pkcs11-tool", "--module",
                MODULE.toString(), "--token-label", q.tokenLabel, "--login", "--pin", "env:TL_TEST_PIN", "--list-objects", "--type", "privkey");
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
                run("declined", allCards(), passphrases(), out, new ScriptedConfirmer(true, true, false)));
        assertTrue(e.getMessage().contains("step 'austin'"), e.getMessage());
        assertTrue(Files.exists(out.resolve("shenzhen.pem")));
        assertFalse(Files.exists(out.resolve("austin.pem")));
        AuditResult audit = new TranscriptAuditor(out.resolve("transcript.jsonl"), out).audit();
        assertFalse(audit.ok());
        assertTrue(audit.message().contains("ABORTED at step 'austin'") && audit.message().contains("did not confirm"), audit.message());
    }

    @Test
    void run_fewerThanMOfficers_isRefusedBeforeLogin() throws Exception {
        List<Path> cards = new ArrayList<>(factory.cards("dave", "erin"));
        cards.add(root.card("alice"));
        Path out = work.resolve("few/out");
        TrustLineException e = assertThrows(TrustLineException.class, () -> run("few", cards, passphrases(), out, new ScriptedConfirmer(true)));
        assertTrue(e.getMessage().contains("token 'root-hsm' needs 2 distinct officers; 1 unlocked their cards"), e.getMessage());
        assertFalse(Files.readString(out.resolve("transcript.jsonl")).contains("\"type\":\"signed\""));
    }

    @Test
    void run_wrongPassphrase_isRecordedWithoutWhatWasTypedAndRefused() throws Exception {
        Map<String, Path> pass = passphrases();
        Path wrong = work.resolve("bob.wrong");
        Files.writeString(wrong, "definitely not bob's passphrase\n");
        pass.put("bob", wrong);
        List<Path> cards = new ArrayList<>(root.cards("alice", "bob"));
        cards.addAll(factory.cards("dave", "erin"));
        Path out = work.resolve("wrongpass/out");
        TrustLineException e = assertThrows(TrustLineException.class, () -> run("wrongpass", cards, pass, out, new ScriptedConfirmer(true)));
        assertTrue(e.getMessage().contains("1 unlocked their cards"), e.getMessage());
        String transcript = Files.readString(out.resolve("transcript.jsonl"));
        assertTrue(transcript.contains("\"type\":\"unlock-failed\"") && transcript.contains("\"officer\":\"bob\""));
        assertFalse(transcript.contains("definitely not"));
    }

    @Test
    void run_sameOfficerTwice_isCountedOnce() throws Exception {
        Path copy = work.resolve("alice-copy.card.json");
        Files.copy(root.card("alice"), copy);
        List<Path> cards = new ArrayList<>(List.of(root.card("alice"), copy));
        cards.addAll(factory.cards("dave", "erin"));
        Path out = work.resolve("twice/out");
        TrustLineException e = assertThrows(TrustLineException.class, () -> run("twice", cards, passphrases(), out, new ScriptedConfirmer(true)));
        assertTrue(e.getMessage().contains("needs 2 distinct officers; 1 unlocked"), e.getMessage());
        assertTrue(Files.readString(out.resolve("transcript.jsonl")).contains("officer already counted"));
    }

    @Test
    void run_officerDeclinesApproval_nothingIsSigned() throws Exception {
        ScriptedConfirmer confirmer = new ScriptedConfirmer(true, true, true, true);
        confirmer.decliningOfficers.add("bob");
        List<Path> cards = new ArrayList<>(root.cards("alice", "bob"));
        cards.addAll(factory.cards("dave", "erin"));
        Path out = work.resolve("noapprove/out");
        TrustLineException e = assertThrows(TrustLineException.class, () -> run("noapprove", cards, passphrases(), out, confirmer));
        assertTrue(e.getMessage().contains("step 'root' has 1 of the 2 approvals it needs"), e.getMessage());
        assertFalse(Files.exists(out.resolve("root.pem")));
    }

    @Test
    void run_outFolderHoldingAnOutput_stopsBeforeTouchingTheHsm() throws Exception {
        Path out = work.resolve("existing/out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("austin.pem"), "keep me");
        TrustLineException e = assertThrows(TrustLineException.class, () -> run("existing", allCards(), passphrases(), out, new ScriptedConfirmer(true)));
        assertTrue(e.getMessage().contains("is not empty (it holds austin.pem)"), e.getMessage());
        assertEquals("keep me", Files.readString(out.resolve("austin.pem")));
        assertFalse(Files.exists(out.resolve("transcript.jsonl")), "nothing may be written before the check");
    }

    @Test
    void run_outFolderHoldingUnrelatedFiles_isRefused() throws Exception {
        Path out = work.resolve("unrelated/out");
        Files.createDirectories(out.resolve("old-run"));
        Files.writeString(out.resolve("notes.txt"), "minutes of the last meeting");
        TrustLineException e = assertThrows(TrustLineException.class, () -> run("unrelated", allCards(), passphrases(), out, new ScriptedConfirmer(true)));
        assertTrue(e.getMessage().contains("is not empty (it holds notes.txt, old-run): a ceremony writes only into a new or empty folder"), e.getMessage());
        assertFalse(Files.exists(out.resolve("transcript.jsonl")));
    }

    @Test
    void run_emptyOutFolder_isAccepted() throws Exception {
        Path out = work.resolve("empty/out");
        Files.createDirectories(out);
        run("empty", allCards(), passphrases(), out, new ScriptedConfirmer(true, true, true, true));
        assertTrue(Files.exists(out.resolve("transcript.jsonl")));
    }

    @Test
    void run_keyLabelAlreadyOnToken_isRefused() throws Exception {
        run("dup", allCards(), passphrases(), work.resolve("dup/out"), new ScriptedConfirmer(true, true, true, true));
        TrustLineException e = assertThrows(TrustLineException.class, () -> runFile(work.resolve("dup/root-ceremony.yaml"),
                work.resolve("dup/hsm.yaml"), allCards(), passphrases(), work.resolve("dup/out2"), new ScriptedConfirmer(true, true, true, true)));
        assertTrue(e.getMessage().contains("already has a key labelled 'gateway-root-2026-dup'"), e.getMessage());
    }

    @Test
    void run_missingToken_isRefused() throws Exception {
        Path dir = work.resolve("missing");
        Path ceremony = ExampleCeremony.write(dir, testCeremony("missing"));
        Files.writeString(dir.resolve("hsm.yaml"), "tokens:\n  root-hsm: {module: " + MODULE + ", label: no-such-token, pin: 'file:../wrong.pin'}\n"
                + "  factory-hsm: {module: " + MODULE + ", label: " + factory.tokenLabel + ", roster: ../q-factory/officers.json, roster-sha256: " + factory.roster.sha256Hex() + "}\n");
        TrustLineException e = assertThrows(TrustLineException.class, () -> runFile(ceremony, dir.resolve("hsm.yaml"), allCards(),
                passphrases(), dir.resolve("out"), new ScriptedConfirmer(true)));
        assertTrue(e.getMessage().contains("no token labelled 'no-such-token'"), e.getMessage());
    }

    @Test
    void run_testCeremonyWithWrongPin_isRefused() throws Exception {
        Path dir = work.resolve("wrongpin");
        Path ceremony = ExampleCeremony.write(dir, testCeremony("wrongpin"));
        Files.writeString(dir.resolve("hsm.yaml"), "tokens:\n  root-hsm: {module: " + MODULE + ", label: " + pinTokenLabel + ", pin: 'file:../wrong.pin'}\n"
                + "  factory-hsm: {module: " + MODULE + ", label: " + factory.tokenLabel + ", roster: ../q-factory/officers.json, roster-sha256: " + factory.roster.sha256Hex() + "}\n");
        TrustLineException e = assertThrows(TrustLineException.class, () -> runFile(ceremony, dir.resolve("hsm.yaml"), allCards(),
                passphrases(), dir.resolve("out"), new ScriptedConfirmer(true)));
        assertTrue(e.getMessage().contains("login to token '" + pinTokenLabel + "' failed: wrong PIN"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-pin"));
        AuditResult audit = new TranscriptAuditor(dir.resolve("out/transcript.jsonl"), dir.resolve("out")).audit();
        assertTrue(audit.message().contains("ABORTED at step 'open-tokens'"), audit.message());
    }

    @Test
    void siteHsm_productionCeremonyWithPinReference_isRejected() throws Exception {
        Path dir = work.resolve("prodpin");
        Path ceremony = ExampleCeremony.copy(dir);
        Files.writeString(dir.resolve("hsm.yaml"), "tokens:\n  root-hsm: {module: /x.so, label: a, pin: 'file:p'}\n"
                + "  factory-hsm: {module: /x.so, label: b, pin: '1234'}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SiteHsm.load(dir.resolve("hsm.yaml"), CeremonyPlanner.plan(ceremony)));
        assertTrue(e.getMessage().contains("tokens.root-hsm.pin: a production ceremony logs in only through officer quorum"), e.getMessage());
        assertTrue(e.getMessage().contains("tokens.factory-hsm.pin: must be a reference file:PATH or env:NAME"), e.getMessage());
    }

    @Test
    void run_productionCeremonyWithTestRoster_isRefused() throws Exception {
        Path dir = work.resolve("prodroster");
        Path ceremony = ExampleCeremony.write(dir, labelled(ExampleCeremony.text(), "prodroster"));
        Files.writeString(dir.resolve("hsm.yaml"), hsmYaml());
        TrustLineException e = assertThrows(TrustLineException.class, () -> runFile(ceremony, dir.resolve("hsm.yaml"), allCards(),
                passphrases(), dir.resolve("out"), new ScriptedConfirmer(true)));
        assertTrue(e.getMessage().contains("a production ceremony needs a production roster"), e.getMessage());
    }

    @Test
    void run_attackerRosterRelabelledForTheRealToken_isRefusedBeforeAnyCardOrLogin() throws Exception {
        Path dir = work.resolve("forged-roster");
        Path ceremony = ExampleCeremony.write(dir, testCeremony("forged"));
        Path forged = dir.resolve("attacker-officers.json");
        TokenEnrolment.enrol(root.tokenLabel, Environment.TEST, 1, List.of(new TokenEnrolment.Officer("alice", "Mallory")),
                KdfParams.forTests(), new PassphraseFiles(Map.of("alice", root.passphraseFiles.get("alice"))),
                dir.resolve("attacker-cards"), forged, secret -> { });
        String pinned = root.roster.sha256Hex();
        Files.writeString(dir.resolve("hsm.yaml"), "tokens:\n  root-hsm: {module: " + MODULE + ", label: " + root.tokenLabel
                + ", roster: attacker-officers.json, roster-sha256: " + pinned + "}\n"
                + "  factory-hsm: {module: " + MODULE + ", label: " + factory.tokenLabel + ", roster: ../q-factory/officers.json, roster-sha256: "
                + factory.roster.sha256Hex() + "}\n");
        StringWriter err = new StringWriter();
        int rc = CeremonyCli.execute(new String[] {"run", ceremony.toString(), "--hsm", dir.resolve("hsm.yaml").toString(),
                "--out", dir.resolve("out").toString(), "--card", root.card("alice").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(1, rc);
        assertTrue(err.toString().contains("tokens.root-hsm.roster-sha256: roster ") && err.toString().contains(", not the pinned " + pinned
                + ": refused before any card is unlocked or PIN tried"), err.toString());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is opened or written for an unauthenticated roster");
    }

    @Test
    void siteHsm_rosterWithoutPin_isRejected() throws Exception {
        Path dir = work.resolve("unpinned");
        Path ceremony = ExampleCeremony.write(dir, testCeremony("unpinned"));
        Files.writeString(dir.resolve("hsm.yaml"), hsmYaml().replaceAll(", roster-sha256: [0-9a-f]+", ""));
        ConfigException e = assertThrows(ConfigException.class, () -> SiteHsm.load(dir.resolve("hsm.yaml"), CeremonyPlanner.plan(ceremony)));
        assertTrue(e.getMessage().contains("tokens.root-hsm.roster-sha256: must pin the roster"), e.getMessage());
    }

    @Test
    void runCli_yes_isRefused() {
        StringWriter err = new StringWriter();
        int rc = CeremonyCli.execute(new String[] {"run", "c.yaml", "--hsm", "h.yaml", "--out", "o", "--yes"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(1, rc);
        assertEquals("error: --yes is refused for run: every signature of a real ceremony needs a typed yes", err.toString().strip());
    }

    static String testCeremony(String suffix) throws Exception {
        String text = ExampleCeremony.asTest(ExampleCeremony.text());
        return labelled(text, suffix);
    }

    /** Key labels made unique per test, so tests can share the tokens. */
    static String labelled(String text, String suffix) {
        return text.replace("key-label: gateway-root-2026", "key-label: gateway-root-2026-" + suffix)
                .replace("key-label: gateway-mfg-shenzhen-2026", "key-label: gateway-mfg-shenzhen-2026-" + suffix);
    }

    static String hsmYaml() {
        return "tokens:\n"
                + "  root-hsm: {module: " + MODULE + ", label: " + root.tokenLabel + ", roster: ../q-root/officers.json, roster-sha256: " + root.roster.sha256Hex() + "}\n"
                + "  factory-hsm: {module: " + MODULE + ", label: " + factory.tokenLabel + ", roster: ../q-factory/officers.json, roster-sha256: " + factory.roster.sha256Hex() + "}\n";
    }

    static List<Path> allCards() {
        List<Path> cards = new ArrayList<>(root.cards("alice", "bob", "carol"));
        cards.addAll(factory.cards("dave", "erin", "frank"));
        return cards;
    }

    static Map<String, Path> passphrases() {
        Map<String, Path> all = new HashMap<>(root.passphraseFiles);
        all.putAll(factory.passphraseFiles);
        return all;
    }

    static CeremonyRunner.Result run(String name, List<Path> cards, Map<String, Path> pass, Path out, ScriptedConfirmer confirmer) throws Exception {
        Path dir = work.resolve(name);
        Path ceremony = ExampleCeremony.write(dir, testCeremony(name));
        Files.writeString(dir.resolve("hsm.yaml"), hsmYaml());
        return runFile(ceremony, dir.resolve("hsm.yaml"), cards, pass, out, confirmer);
    }

    static CeremonyRunner.Result runFile(Path ceremonyFile, Path hsm, List<Path> cards, Map<String, Path> pass, Path out,
                                         ScriptedConfirmer confirmer) throws Exception {
        Ceremony c = CeremonyPlanner.plan(ceremonyFile);
        SiteHsm site = SiteHsm.load(hsm, c);
        SiteTokens tokens = new SiteTokens(site, new QuorumInputs(cards, new PassphraseFiles(pass)));
        return new CeremonyRunner(c, tokens, new OutputDir(out), confirmer,
                new CeremonyRunner.Options("run", "tester", site.sha256(), Clock.systemUTC())).run();
    }
}
