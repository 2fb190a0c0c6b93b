package dev.trustline.core.quorum;

import static dev.trustline.core.quorum.QuorumFixtures.assertNoPassphrase;
import static dev.trustline.core.quorum.QuorumFixtures.assertRefused;
import static dev.trustline.core.quorum.QuorumFixtures.assertSameSecret;
import static dev.trustline.core.quorum.QuorumFixtures.passphrase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfficerCardTest {
    private static final String ROSTER_ID = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private final byte[] share = QuorumFixtures.randomBytes(32);

    private Path writeAlice() throws QuorumException {
        Path path = dir.resolve("alice.card.json");
        QuorumFixtures.card("alice", ROSTER_ID, 2, share).write(path);
        return path;
    }

    @Test
    void unlock_rightPassphrase_opensShareAndSigningKey() throws QuorumException {
        OfficerCard card = OfficerCard.read(writeAlice());
        assertEquals("alice", card.officerId());
        assertEquals(ROSTER_ID, card.rosterId());
        try (UnlockedCard unlocked = card.unlock(passphrase("alice"))) {
            assertEquals(2, unlocked.shareIndex());
            assertSameSecret(share, unlocked.share(), "unsealed share");
            byte[] message = {1, 2, 3};
            assertTrue(Ed25519Keys.verify(Ed25519Keys.publicKey(card.approvalPublicKey()), message, unlocked.sign(message)));
        }
    }

    @Test
    void close_wipesShare_andRefusesFurtherUse() throws QuorumException {
        UnlockedCard unlocked = OfficerCard.read(writeAlice()).unlock(passphrase("alice"));
        unlocked.close();
        assertTrue(unlocked.isClosed());
        assertThrows(IllegalStateException.class, unlocked::share);
        assertThrows(IllegalStateException.class, () -> unlocked.sign(new byte[1]));
    }

    @Test
    void unlock_wrongPassphrase_namesCard() throws QuorumException {
        Path path = writeAlice();
        OfficerCard card = OfficerCard.read(path);
        QuorumException e = assertRefused(() -> card.unlock(passphrase("bob")),
                "card of officer 'alice' (" + path + "): wrong passphrase or the card was altered");
        assertNull(e.getCause(), "no stack trace behind a wrong passphrase");
        assertNoPassphrase(e, "bob");
        assertNoPassphrase(e, "alice");
    }

    @Test
    void unlock_flippedByteInEachBlob_namesCard() throws QuorumException {
        Path path = writeAlice();
        byte[] json = OfficerCard.read(path).toJson();
        for (String blob : List.of("approvalPrivateKey", "share")) {
            for (String field : List.of("nonce", "ciphertext")) {
                byte[] tampered = CardEdits.edit(json, t -> CardEdits.flipBase64Byte((ObjectNode) t.get(blob), field, 5));
                OfficerCard card = OfficerCard.parse(tampered, path.toString());
                assertRefused(() -> card.unlock(passphrase("alice")),
                        "card of officer 'alice' (" + path + "): wrong passphrase or the card was altered");
            }
        }
    }

    @Test
    void unlock_alteredOfficerOrRosterId_failsGcm() throws QuorumException {
        Path path = writeAlice();
        byte[] json = OfficerCard.read(path).toJson();
        byte[] renamed = CardEdits.edit(json, t -> t.put("officerId", "alicf"));
        assertRefused(() -> OfficerCard.parse(renamed, path.toString()).unlock(passphrase("alice")),
                "card of officer 'alicf' (" + path + "): wrong passphrase or the card was altered");
        byte[] moved = CardEdits.edit(json, t -> t.put("rosterId", "1123456789abcdef0123456789abcdef"));
        assertRefused(() -> OfficerCard.parse(moved, path.toString()).unlock(passphrase("alice")),
                "wrong passphrase or the card was altered");
    }

    @Test
    void unlock_blobSwappedBetweenFields_fails() throws QuorumException {
        byte[] json = OfficerCard.read(writeAlice()).toJson();
        byte[] swapped = CardEdits.edit(json, t -> {
            ObjectNode key = (ObjectNode) t.get("approvalPrivateKey");
            t.set("approvalPrivateKey", t.get("share"));
            t.set("share", key);
        });
        assertRefused(() -> OfficerCard.parse(swapped, "swapped").unlock(passphrase("alice")),
                "card of officer 'alice' (swapped): wrong passphrase or the card was altered");
    }

    @Test
    void unlock_blobSwappedBetweenCards_fails() throws QuorumException {
        OfficerCard alice = QuorumFixtures.card("alice", ROSTER_ID, 1, share);
        OfficerCard bob = QuorumFixtures.card("bob", ROSTER_ID, 2, QuorumFixtures.randomBytes(32));
        ObjectNode bobTree = CardEdits.tree(bob.toJson());
        for (String blob : List.of("approvalPrivateKey", "share")) {
            byte[] mixed = CardEdits.edit(alice.toJson(), t -> t.set(blob, bobTree.get(blob)));
            assertRefused(() -> OfficerCard.parse(mixed, "mixed").unlock(passphrase("alice")),
                    "wrong passphrase or the card was altered");
            assertRefused(() -> OfficerCard.parse(mixed, "mixed").unlock(passphrase("bob")),
                    "wrong passphrase or the card was altered");
        }
    }

    @Test
    void unlock_publicKeyReplaced_isDetected() throws QuorumException {
        OfficerCard alice = QuorumFixtures.card("alice", ROSTER_ID, 1, share);
        OfficerCard bob = QuorumFixtures.card("bob", ROSTER_ID, 2, share);
        byte[] mixed = CardEdits.edit(alice.toJson(),
                t -> t.put("approvalPublicKey", CardEdits.tree(bob.toJson()).get("approvalPublicKey").asText()));
        assertRefused(() -> OfficerCard.parse(mixed, "mixed").unlock(passphrase("alice")),
                "card of officer 'alice' (mixed): the approval key does not match the card's public key");
    }

    @Test
    void write_existingFile_isRefusedAndLeftAlone() throws QuorumException, IOException {
        Path path = writeAlice();
        byte[] before = Files.readAllBytes(path);
        OfficerCard other = QuorumFixtures.card("alice", ROSTER_ID, 3, share);
        assertRefused(() -> other.write(path), "card " + path + " already exists: refusing to overwrite it");
        assertArrayEquals(before, Files.readAllBytes(path));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(path), files.toList(), "no temporary files are left behind");
        }
    }

    @Test
    void write_cardIsOwnerOnly_andRoundTrips() throws QuorumException, IOException {
        OfficerCard created = QuorumFixtures.card("alice", ROSTER_ID, 1, share);
        Path path = dir.resolve("card.json");
        OfficerCard written = created.write(path);
        assertEquals(path.toString(), written.origin());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        assertArrayEquals(created.toJson(), Files.readAllBytes(path));
        assertArrayEquals(created.toJson(), OfficerCard.read(path).toJson());
    }

    @Test
    void create_emptyPassphrase_isRefused() {
        assertRefused(() -> OfficerCard.create("alice", "Alice", ROSTER_ID, 1, share, new char[0],
                KdfParams.forTests(), QuorumFixtures.RANDOM), "officer 'alice': the passphrase must not be empty");
    }

    @Test
    void json_holdsNoSecretInClear() throws QuorumException {
        OfficerCard card = QuorumFixtures.card("alice", ROSTER_ID, 1, share);
        String json = new String(card.toJson(), java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(json.contains("correct horse"));
        assertFalse(json.contains(java.util.Base64.getEncoder().encodeToString(share)));
        assertFalse(card.toString().contains("correct horse"));
    }
}
