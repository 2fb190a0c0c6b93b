package dev.trustline.core.quorum;

import dev.trustline.core.Environment;
import static dev.trustline.core.quorum.QuorumFixtures.IDS;
import static dev.trustline.core.quorum.QuorumFixtures.NOW;
import static dev.trustline.core.quorum.QuorumFixtures.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RosterTest {
    private static final String ROSTER_ID = "0123456789abcdef0123456789abcdef";
    private static final String CHECK = "ab".repeat(32);

    @TempDir
    Path dir;

    static List<RosterOfficer> officers(int n) {
        List<RosterOfficer> officers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] spki = Ed25519Keys.generate(QuorumFixtures.RANDOM).getPublic().getEncoded();
            officers.add(RosterOfficer.of(IDS[i], "Officer " + IDS[i], i + 1, spki));
        }
        return officers;
    }

    static RosterDraft draft(Environment environment, int m, List<RosterOfficer> officers) {
        return new RosterDraft(ROSTER_ID, "trustline-root", environment, m, officers, CHECK, NOW);
    }

    private static List<RosterOfficer> with(List<RosterOfficer> officers, int i, UnaryOperator<RosterOfficer> change) {
        List<RosterOfficer> copy = new ArrayList<>(officers);
        copy.set(i, change.apply(copy.get(i)));
        return copy;
    }

    static Stream<Arguments> invalidRosters() {
        List<RosterOfficer> three = officers(3);
        RosterOfficer alice = three.get(0);
        return Stream.of(
                Arguments.of("M>N", draft(Environment.PRODUCTION, 4, three), "threshold 4 exceeds the 3 officers"),
                Arguments.of("M=0", draft(Environment.TEST, 0, three), "threshold 0 must be at least 1"),
                Arguments.of("N>16", draft(Environment.PRODUCTION, 3, officers(17)), "17 officers exceed the maximum of 16"),
                Arguments.of("M=1 production", draft(Environment.PRODUCTION, 1, three),
                        "threshold 1 is allowed only in a test environment"),
                Arguments.of("duplicate id", draft(Environment.PRODUCTION, 2,
                        with(three, 1, o -> new RosterOfficer("alice", o.name(), o.shareIndex(), o.approvalPublicKey()))),
                        "duplicate officer id 'alice'"),
                Arguments.of("bad id", draft(Environment.PRODUCTION, 2,
                        with(three, 0, o -> new RosterOfficer("Alice", o.name(), o.shareIndex(), o.approvalPublicKey()))),
                        "officer id 'Alice' must match [a-z0-9][a-z0-9-]{0,31}"),
                Arguments.of("duplicate key", draft(Environment.PRODUCTION, 2,
                        with(three, 2, o -> new RosterOfficer(o.id(), o.name(), o.shareIndex(), alice.approvalPublicKey()))),
                        "officers 'alice' and 'carol' have the same approval key"),
                Arguments.of("duplicate share index", draft(Environment.PRODUCTION, 2,
                        with(three, 1, o -> new RosterOfficer(o.id(), o.name(), 1, o.approvalPublicKey()))),
                        "officers 'alice' and 'bob' have the same share index 1"),
                Arguments.of("share index 0", draft(Environment.PRODUCTION, 2,
                        with(three, 1, o -> new RosterOfficer(o.id(), o.name(), 0, o.approvalPublicKey()))),
                        "officer 'bob': share index 0 is outside 1..255"),
                Arguments.of("bad key", draft(Environment.PRODUCTION, 2,
                        with(three, 1, o -> new RosterOfficer(o.id(), o.name(), 2, "AAAA"))),
                        "officer 'bob': approval public key is not an Ed25519 SubjectPublicKeyInfo"),
                Arguments.of("empty name", draft(Environment.PRODUCTION, 2,
                        with(three, 1, o -> new RosterOfficer(o.id(), " ", 2, o.approvalPublicKey()))),
                        "officer 'bob': name must be 1 to 64 printable characters"),
                Arguments.of("bad check", new RosterDraft(ROSTER_ID, "trustline-root", Environment.TEST, 2, three,
                        "AB".repeat(32), NOW), "activation check must be 64 lowercase hex digits"),
                Arguments.of("long label", new RosterDraft(ROSTER_ID, "x".repeat(33), Environment.TEST, 2, three,
                        CHECK, NOW), "token label must be 1 to 32 bytes of printable UTF-8"),
                Arguments.of("bad roster id", new RosterDraft("short", "root", Environment.TEST, 2, three,
                        CHECK, NOW), "roster id 'short' must match [a-z0-9][a-z0-9-]{7,63}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRosters")
    void from_invalidRoster_isRefusedWithItsMessage(String name, RosterDraft raw, String message) {
        QuorumException e = assertRefused(() -> Roster.from(raw));
        assertEquals(message, e.getMessage());
    }

    @Test
    void from_edgeThresholds_areAccepted() throws QuorumException {
        assertEquals(1, Roster.from(draft(Environment.TEST, 1, officers(3))).threshold());
        assertEquals(3, Roster.from(draft(Environment.PRODUCTION, 3, officers(3))).threshold());
        assertEquals(16, Roster.from(draft(Environment.PRODUCTION, 2, officers(16))).officers().size());
        assertEquals(1, Roster.from(draft(Environment.TEST, 1, officers(1))).officers().size());
    }

    @Test
    void write_thenRead_keepsExactBytesAndHash() throws Exception {
        Roster roster = Roster.from(draft(Environment.PRODUCTION, 2, officers(3)));
        Path path = dir.resolve("officers.json");
        roster.write(path);
        byte[] file = Files.readAllBytes(path);
        assertArrayEquals(roster.toJson(), file);
        Roster read = Roster.read(path);
        assertEquals(roster, read);
        assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file)),
                read.sha256Hex());
        assertEquals(roster.officers(), read.officers());
        assertEquals(NOW, read.createdAt());
        assertEquals(Environment.PRODUCTION, read.environment());
    }

    @Test
    void sha256Hex_isOfTheFileBytesAsRead() throws QuorumException, IOException {
        Roster roster = Roster.from(draft(Environment.TEST, 2, officers(3)));
        byte[] compact = CardEdits.bytes(CardEdits.tree(roster.toJson()));
        Path path = CardEdits.writeRaw(dir, "compact.json", compact);
        Roster read = Roster.read(path);
        assertEquals(roster.officers(), read.officers());
        assertEquals(Bytes.hex(Bytes.sha256(compact)), read.sha256Hex());
        assertArrayEquals(compact, read.toJson());
    }

    @Test
    void write_existingFile_isRefused() throws QuorumException {
        Roster roster = Roster.from(draft(Environment.TEST, 2, officers(3)));
        Path path = dir.resolve("officers.json");
        roster.write(path);
        assertRefused(() -> roster.write(path), "roster " + path + " already exists: refusing to overwrite it");
    }

    @Test
    void read_unknownOrMissingField_namesIt() throws QuorumException {
        byte[] json = Roster.from(draft(Environment.TEST, 2, officers(3))).toJson();
        Path extra = CardEdits.writeRaw(dir, "extra.json", CardEdits.edit(json, t -> t.put("quorum", 2)));
        assertEquals("roster " + extra + ": unknown field 'quorum'", assertRefused(() -> Roster.read(extra)).getMessage());
        Path nested = CardEdits.writeRaw(dir, "nested.json",
                CardEdits.edit(json, t -> ((ObjectNode) t.get("officers").get(1)).put("email", "x")));
        assertEquals("roster " + nested + ": unknown field 'officers[1].email'",
                assertRefused(() -> Roster.read(nested)).getMessage());
        Path missing = CardEdits.writeRaw(dir, "missing.json", CardEdits.edit(json, t -> t.remove("threshold")));
        assertEquals("roster " + missing + ": missing field 'threshold'",
                assertRefused(() -> Roster.read(missing)).getMessage());
    }

    @Test
    void read_invalidContent_isRefusedNamingTheFile() throws QuorumException {
        byte[] json = Roster.from(draft(Environment.TEST, 1, officers(3))).toJson();
        Path path = CardEdits.writeRaw(dir, "prod.json", CardEdits.edit(json, t -> t.put("environment", "production")));
        assertEquals("roster " + path + ": threshold 1 is allowed only in a test environment",
                assertRefused(() -> Roster.read(path)).getMessage());
        Path env = CardEdits.writeRaw(dir, "env.json", CardEdits.edit(json, t -> t.put("environment", "staging")));
        assertEquals("roster " + env + ": field 'environment' must be \"production\" or \"test\"",
                assertRefused(() -> Roster.read(env)).getMessage());
    }
}
