package dev.trustline.ceremony.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.ExampleCeremony;
import dev.trustline.ceremony.cli.CeremonyCli;
import dev.trustline.ceremony.verify.AuditResult;
import dev.trustline.ceremony.verify.TranscriptAuditor;
import dev.trustline.core.chain.ChainEntry;
import dev.trustline.core.chain.ChainVerifier;
import dev.trustline.core.chain.ChainWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example ceremony rehearsed under a 3-of-5 quorum through the CLI (passphrases from files), and
 * the auditor's approval checks against transcripts rewritten by a forger who re-hashes the chain.
 */
class QuorumRehearsalTest {
    static final List<String> OFFICERS = List.of("alice", "bob", "carol", "dave", "erin");

    @TempDir
    static Path work;
    static Path out;

    @BeforeAll
    static void rehearse() throws Exception {
        Path ceremony = ExampleCeremony.copy(work.resolve("ceremony"));
        out = work.resolve("out");
        List<String> args = new ArrayList<>(List.of("rehearse", ceremony.toString(), "--out", out.toString(), "--yes", "--threshold", "3"));
        for (String o : OFFICERS) {
            Path f = work.resolve(o + ".pass");
            Files.writeString(f, "correct horse battery staple " + o + " 42!\n");
            args.addAll(List.of("--officer", o + "=Officer " + o, "--passphrase-file", o + "=" + f));
        }
        StringWriter err = new StringWriter();
        int rc = CeremonyCli.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, rc, err.toString());
    }

    @Test
    void rehearse_underQuorum_verifiesWithApprovalsForEveryStepAndTheEnd() throws Exception {
        AuditResult r = audit(out.resolve("transcript.jsonl"));
        assertTrue(r.ok(), r.message());
        String t = Files.readString(out.resolve("transcript.jsonl"));
        assertEquals(4, t.split("\"type\":\"approvals\"", -1).length - 1, "root, shenzhen, austin and the CRL need approvals");
        assertTrue(t.contains("\"threshold\":3"));
        assertTrue(Files.exists(out.resolve("rehearsal-officers/root-hsm/officers.json")));
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
            Arguments.of("approvalRemoved", (UnaryOperator<ObjectNode>) p -> {
                ((ArrayNode) p.get("approvals")).remove(0);
                return p;
            }, "has 2 of the 3 officer approvals it needs"),
            Arguments.of("approvalDuplicated", (UnaryOperator<ObjectNode>) p -> {
                ArrayNode a = (ArrayNode) p.get("approvals");
                a.set(1, a.get(0).deepCopy());
                return p;
            }, "has 2 of the 3 officer approvals it needs"),
            Arguments.of("signatureAltered", (UnaryOperator<ObjectNode>) p -> {
                ObjectNode first = (ObjectNode) p.get("approvals").get(0);
                String sig = first.get("signature").asText();
                first.put("signature", (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1));
                return p;
            }, "does not verify"),
            Arguments.of("officerRenamed", (UnaryOperator<ObjectNode>) p -> {
                ((ObjectNode) p.get("approvals").get(0)).put("officer", "mallory");
                return p;
            }, "who is not on roster"),
            Arguments.of("digestForOtherBytes", (UnaryOperator<ObjectNode>) p -> p.put("digest", "0".repeat(64)),
                    "are for other bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void verify_forgedApprovalsInRehashedChain_areCaught(String name, UnaryOperator<ObjectNode> change, String expected) throws Exception {
        Path forged = rewrite(name, e -> e.type().equals("approvals") && e.payload().path("step").asText().equals("shenzhen"), change);
        AuditResult r = audit(forged);
        assertFalse(r.ok());
        assertTrue(r.message().contains(expected), r.message());
    }

    @Test
    void verify_approvalsEntryDropped_isCaught() throws Exception {
        Path forged = rewrite("dropped", e -> e.type().equals("approvals") && e.payload().path("step").asText().equals("root"), p -> null);
        AuditResult r = audit(forged);
        assertTrue(r.message().contains("step 'root' was signed without officer approvals recorded before it"), r.message());
    }

    @Test
    void verify_endApprovalsRemoved_isCaught() throws Exception {
        Path forged = rewrite("end", e -> e.type().equals("end"), p -> {
            p.putArray("approvals");
            return p;
        });
        AuditResult r = audit(forged);
        assertTrue(r.message().contains("the end is not signed by the officers of token"), r.message());
    }

    @Test
    void verify_rosterTheAuditorHoldsDiffers_isCaught() throws Exception {
        Path other = work.resolve("other-roster.json");
        Files.writeString(other, Files.readString(out.resolve("rehearsal-officers/root-hsm/officers.json")).replace("Officer alice", "Officer alyce"));
        AuditResult r = new TranscriptAuditor(out.resolve("transcript.jsonl"), out, List.of(other)).audit();
        assertTrue(r.message().contains("differs from the roster file the auditor holds"), r.message());
        AuditResult ok = new TranscriptAuditor(out.resolve("transcript.jsonl"), out,
                List.of(out.resolve("rehearsal-officers/root-hsm/officers.json"), out.resolve("rehearsal-officers/factory-hsm/officers.json"))).audit();
        assertTrue(ok.ok(), ok.message());
    }

    @Test
    void verify_rosterMatchingNoToken_isAnError() throws Exception {
        Path stranger = Files.createDirectories(work.resolve("stranger"));
        TokenEnrolment.enrol("stranger-token", dev.trustline.core.Environment.TEST, 1,
                List.of(new TokenEnrolment.Officer("alice", "Alice")), dev.trustline.core.quorum.KdfParams.forTests(),
                new PassphraseFiles(java.util.Map.of("alice", work.resolve("alice.pass"))), stranger.resolve("cards"),
                stranger.resolve("officers.json"), secret -> { });
        AuditResult r = new TranscriptAuditor(out.resolve("transcript.jsonl"), out, List.of(rosterOf("root-hsm"), rosterOf("factory-hsm"),
                stranger.resolve("officers.json"))).audit();
        assertFalse(r.ok());
        assertTrue(r.message().contains("--roster " + stranger.resolve("officers.json") + " (roster ") && r.message().contains(") matches no token in this transcript"), r.message());
    }

    @Test
    void verify_cli_noRoster_saysTheKeysCameFromTheTranscript() {
        StringWriter so = new StringWriter();
        int rc = CeremonyCli.execute(new String[] {"verify", out.resolve("transcript.jsonl").toString(), "--no-roster"},
                new PrintWriter(so, true), new PrintWriter(new StringWriter(), true));
        assertEquals(0, rc);
        assertTrue(so.toString().contains("roster(s) taken from the transcript itself (--no-roster: not checked against roster files you hold)"), so.toString());
        StringWriter held = new StringWriter();
        assertEquals(0, CeremonyCli.execute(new String[] {"verify", out.resolve("transcript.jsonl").toString(), "--roster",
                rosterOf("root-hsm").toString(), "--roster", rosterOf("factory-hsm").toString()}, new PrintWriter(held, true), new PrintWriter(new StringWriter(), true)));
        assertTrue(held.toString().contains("verified against 2 roster file(s) you hold"), held.toString());
    }

    private static Path rosterOf(String token) {
        return out.resolve("rehearsal-officers/" + token + "/officers.json");
    }

    @Test
    void verify_rosterEntryRewrittenButKeepingItsHash_isCaughtAgainstThePinnedRoster() throws Exception {
        Path forged = rewrite("weak-roster", e -> e.type().equals("roster"), p -> p.put("threshold", 1));
        Path pinned = out.resolve("rehearsal-officers/root-hsm/officers.json");
        AuditResult r = new TranscriptAuditor(forged, out, List.of(pinned, out.resolve("rehearsal-officers/factory-hsm/officers.json"))).audit();
        assertFalse(r.ok());
        assertTrue(r.message().contains("differs from the roster file the auditor holds"), r.message());
    }

    static Stream<Arguments> endEdits() {
        return Stream.of(
            Arguments.of("outputHashChanged", (UnaryOperator<ObjectNode>) p -> {
                ((ObjectNode) p.get("outputs").get(1)).put("sha256", "0".repeat(64));
                return p;
            }, "the end entry's outputs differ from the outputs the transcript recorded"),
            Arguments.of("outputDropped", (UnaryOperator<ObjectNode>) p -> {
                ((ArrayNode) p.get("outputs")).remove(0);
                return p;
            }, "the end entry's outputs differ"),
            Arguments.of("stepsChanged", (UnaryOperator<ObjectNode>) p -> p.put("steps", 4), "the end entry says 4 steps"),
            Arguments.of("fieldAdded", (UnaryOperator<ObjectNode>) p -> p.put("note", "all fine"), "fields no ceremony writes"),
            Arguments.of("headChanged", (UnaryOperator<ObjectNode>) p -> p.put("head-before-end", "0".repeat(64)), "head-before-end"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endEdits")
    void verify_endEditedAndChainRehashed_fails(String name, UnaryOperator<ObjectNode> change, String expected) throws Exception {
        Path forged = rewrite("end-" + name, e -> e.type().equals("end"), change);
        AuditResult r = audit(forged);
        assertFalse(r.ok());
        assertTrue(r.message().contains(expected), r.message());
    }

    /** A consistent forgery: an output entry and its line in the end both removed, head-before-end recomputed. */
    @Test
    void verify_endRewrittenConsistentlyWithoutTheOfficers_failsOnTheEndApprovals() throws Exception {
        Path file = work.resolve("forged-end-consistent.jsonl");
        try (ChainWriter w = ChainWriter.create(file)) {
            for (ChainEntry e : ChainVerifier.verify(out.resolve("transcript.jsonl")).entries()) {
                ObjectNode p = e.payload();
                if (e.type().equals("output") && p.path("file").asText().equals("root.crl")) {
                    continue;
                }
                if (e.type().equals("end")) {
                    ArrayNode outputs = (ArrayNode) p.get("outputs");
                    outputs.remove(outputs.size() - 1);
                    p.put("head-before-end", w.head());
                }
                w.append(e.type(), p);
            }
        }
        AuditResult r = audit(file);
        assertFalse(r.ok());
        assertTrue(r.message().contains("the approvals of step 'end' are for other bytes"), r.message());
    }

    private static AuditResult audit(Path transcript) {
        return new TranscriptAuditor(transcript, out).audit();
    }

    /** A forger's rewrite (head-before-end kept consistent): changes (or drops, when change returns null) matching entries and re-hashes everything. */
    private static Path rewrite(String name, java.util.function.Predicate<ChainEntry> match, UnaryOperator<ObjectNode> change) throws Exception {
        Path file = work.resolve("forged-" + name + ".jsonl");
        try (ChainWriter w = ChainWriter.create(file)) {
            for (ChainEntry e : ChainVerifier.verify(out.resolve("transcript.jsonl")).entries()) {
                ObjectNode base = e.payload();
                if (e.type().equals("end")) {
                    base.put("head-before-end", w.head()); // a forger keeps the end consistent with the rewritten chain
                }
                ObjectNode p = match.test(e) ? change.apply(base) : base;
                if (p != null) {
                    w.append(e.type(), p);
                }
            }
        }
        return file;
    }
}
