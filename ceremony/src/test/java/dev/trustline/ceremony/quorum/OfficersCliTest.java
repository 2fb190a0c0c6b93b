package dev.trustline.ceremony.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.ceremony.TestQuorum;
import dev.trustline.ceremony.Tools;
import dev.trustline.ceremony.cli.CeremonyCli;
import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.HsmException;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.hsm.ThrowawayToken;
import dev.trustline.core.quorum.OfficerCard;
import dev.trustline.core.quorum.Roster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/ceremony officers init and rotate against real SoftHSM2 tokens, passphrases from files. */
class OfficersCliTest {
    @TempDir
    Path work;

    private int cli(StringWriter out, StringWriter err, String... args) {
        return CeremonyCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path pass(String id, String value) throws Exception {
        Path f = work.resolve(id + ".pass");
        Files.writeString(f, value + "\n");
        return f;
    }

    @Test
    void init_threeOfFive_writesCardsAndRosterAndTokenExists() throws Exception {
        String label = ThrowawayToken.uniqueLabel("init-cli");
        List<String> args = new ArrayList<>(List.of("officers", "init", "--token-label", label, "--environment", "test",
                "--threshold", "3", "--kdf", "test", "--cards-dir", work.resolve("cards").toString(),
                "--roster", work.resolve("officers.json").toString()));
        for (String o : List.of("alice", "bob", "carol", "dave", "erin")) {
            args.addAll(List.of("--officer", o + "=Officer " + o, "--passphrase-file", o + "=" + pass(o, "long enough passphrase for " + o + " 7!")));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            assertEquals(0, cli(out, err, args.toArray(String[]::new)), err.toString());
            Roster roster = Roster.read(work.resolve("officers.json"));
            assertEquals(3, roster.threshold());
            assertEquals(5, roster.officers().size());
            assertTrue(out.toString().contains("roster sha256: " + roster.sha256Hex()));
            assertTrue(Tools.run(work, "softhsm2-util", "--show-slots").output().contains(label));
        } finally {
            Tools.run(work, "softhsm2-util", "--delete-token", "--token", label);
        }
    }

    @Test
    void init_weakPassphrase_isRefusedAndNothingIsWritten() throws Exception {
        String label = ThrowawayToken.uniqueLabel("init-weak");
        StringWriter err = new StringWriter();
        int rc = cli(new StringWriter(), err, "officers", "init", "--token-label", label, "--environment", "test", "--threshold", "1",
                "--kdf", "test", "--cards-dir", work.resolve("cards").toString(), "--roster", work.resolve("officers.json").toString(),
                "--officer", "alice=Alice", "--passphrase-file", "alice=" + pass("alice", "short"));
        assertEquals(1, rc);
        assertTrue(err.toString().contains("the passphrase for officer 'alice' is shorter than 12 characters"), err.toString());
        assertFalse(err.toString().contains("short\n"));
        assertFalse(Files.exists(work.resolve("officers.json")));
        assertFalse(Tools.run(work, "softhsm2-util", "--show-slots").output().contains(label));
    }

    @Test
    void init_productionWithOneOfficer_isRefused() throws Exception {
        StringWriter err = new StringWriter();
        int rc = cli(new StringWriter(), err, "officers", "init", "--token-label", ThrowawayToken.uniqueLabel("init-m1"),
                "--threshold", "1", "--cards-dir", work.resolve("cards").toString(), "--roster", work.resolve("officers.json").toString(),
                "--officer", "alice=Alice", "--passphrase-file", "alice=" + pass("alice", "a perfectly long passphrase 9!"));
        assertEquals(1, rc);
        assertTrue(err.toString().toLowerCase().contains("test"), err.toString());
        assertFalse(Files.exists(work.resolve("officers.json")));
    }

    @Test
    void init_withoutTerminalOrFiles_refusesToReadSecrets() {
        StringWriter err = new StringWriter();
        int rc = cli(new StringWriter(), err, "officers", "init", "--token-label", "x", "--threshold", "2",
                "--cards-dir", work.resolve("cards").toString(), "--roster", work.resolve("o.json").toString(), "--officer", "a=A", "--officer", "b=B");
        assertEquals(1, rc);
        assertTrue(err.toString().contains("officer passphrases are read only at a terminal"), err.toString());
    }

    @Test
    void rotate_newCardsWork_oldCardsNoLongerLogIn() throws Exception {
        TestQuorum q = TestQuorum.enrol(work.resolve("q"), "rotate", 2, "alice", "bob", "carol");
        try {
            List<String> args = new ArrayList<>(List.of("officers", "rotate", "--roster", q.rosterFile.toString(),
                    "--card", q.card("alice").toString(), "--card", q.card("carol").toString(),
                    "--current-passphrase-file", "alice=" + q.passphraseFiles.get("alice"), "--current-passphrase-file", "carol=" + q.passphraseFiles.get("carol"),
                    "--threshold", "2", "--kdf", "test", "--cards-dir", work.resolve("new-cards").toString(),
                    "--new-roster", work.resolve("new-officers.json").toString(), "--out", work.resolve("rotation").toString()));
            for (String o : List.of("alice", "carol", "gina")) {
                args.addAll(List.of("--officer", o + "=Officer " + o, "--passphrase-file", o + "=" + pass("new-" + o, "new passphrase for " + o + " in 2026!")));
            }
            StringWriter err = new StringWriter();
            assertEquals(0, cli(new StringWriter(), err, args.toArray(String[]::new)), err.toString());
            assertTrue(Files.readString(work.resolve("rotation/transcript.jsonl")).contains("\"type\":\"roster-rotated\""));

            HsmException old = assertThrows(HsmException.class, () -> HsmToken.open(TestQuorum.MODULE, q.tokenLabel, oldPin(q)));
            assertTrue(old.getMessage().contains("wrong PIN"), old.getMessage());
            Roster next = Roster.read(work.resolve("new-officers.json"));
            assertTrue(HsmToken.open(TestQuorum.MODULE, q.tokenLabel, newPin(next)).identity().label().equals(q.tokenLabel));
        } finally {
            Tools.run(work, "softhsm2-util", "--delete-token", "--token", q.tokenLabel);
        }
    }

    private char[] oldPin(TestQuorum q) throws Exception {
        return pin(q.roster, q.cards("alice", "bob"), Map.of("alice", q.passphraseFiles.get("alice"), "bob", q.passphraseFiles.get("bob")));
    }

    private char[] newPin(Roster next) throws Exception {
        Path cards = work.resolve("new-cards");
        return pin(next, List.of(cards.resolve("gina.card.json"), cards.resolve("alice.card.json")),
                Map.of("gina", work.resolve("new-gina.pass"), "alice", work.resolve("new-alice.pass")));
    }

    private char[] pin(Roster roster, List<Path> cardFiles, Map<String, Path> pass) throws Exception {
        List<OfficerCard> cards = new ArrayList<>();
        for (Path p : cardFiles) {
            cards.add(OfficerCard.read(p));
        }
        try (Transcript t = Transcript.create(work.resolve("pin-" + System.nanoTime() + ".jsonl"), Clock.systemUTC());
             OfficerQuorum quorum = OfficerQuorum.activate("t", roster, cards, new PassphraseFiles(pass), t)) {
            return quorum.pin(t);
        }
    }

    @Test
    void passphraseStrength_tableOfMessages() {
        TrustLineException shortOne = assertThrows(TrustLineException.class, () -> PassphraseStrength.require("a", "abc".toCharArray()));
        assertTrue(shortOne.getMessage().contains("shorter than 12"));
        TrustLineException repeated = assertThrows(TrustLineException.class, () -> PassphraseStrength.require("a", "aaaaaaaaaaaaaaaa".toCharArray()));
        assertTrue(repeated.getMessage().contains("too weak"));
        assertThrows(TrustLineException.class, () -> PassphraseStrength.require("a", "abcdefghijkl".toCharArray()));
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> PassphraseStrength.require("a", "correct horse battery staple".toCharArray()));
    }
}
