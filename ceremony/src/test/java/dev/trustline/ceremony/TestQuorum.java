package dev.trustline.ceremony;

import dev.trustline.ceremony.quorum.OfficerQuorum;
import dev.trustline.ceremony.quorum.PassphraseFiles;
import dev.trustline.ceremony.quorum.TokenEnrolment;
import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.core.hsm.ThrowawayToken;
import dev.trustline.core.Environment;
import dev.trustline.core.quorum.KdfParams;
import dev.trustline.core.quorum.OfficerCard;
import dev.trustline.core.quorum.Roster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real SoftHSM2 token put under officer quorum for tests: test roster, cheap Argon2id (recorded in
 * each card), random passphrases in files (never printed).
 */
public final class TestQuorum {
    public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    public final String tokenLabel;
    public final Path dir;
    public final Path rosterFile;
    public final Roster roster;
    public final Map<String, Path> passphraseFiles;
    public final List<String> officers;

    private TestQuorum(String tokenLabel, Path dir, Roster roster, Map<String, Path> passphraseFiles, List<String> officers) {
        this.tokenLabel = tokenLabel;
        this.dir = dir;
        this.rosterFile = dir.resolve("officers.json");
        this.roster = roster;
        this.passphraseFiles = passphraseFiles;
        this.officers = officers;
    }

    public static TestQuorum enrol(Path dir, String labelPrefix, int threshold, String... officerIds) throws Exception {
        Files.createDirectories(dir.resolve("pass"));
        Map<String, Path> files = new LinkedHashMap<>();
        List<TokenEnrolment.Officer> officers = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (String id : officerIds) {
            byte[] b = new byte[18];
            random.nextBytes(b);
            Path f = dir.resolve("pass").resolve(id);
            Files.writeString(f, Base64.getEncoder().encodeToString(b) + "-Aa1!\n");
            files.put(id, f);
            officers.add(new TokenEnrolment.Officer(id, "Officer " + id));
        }
        String label = ThrowawayToken.uniqueLabel(labelPrefix);
        Roster roster = TokenEnrolment.enrol(MODULE, label, Environment.TEST, threshold, officers, KdfParams.forTests(),
                new PassphraseFiles(files), dir.resolve("cards"), dir.resolve("officers.json"));
        return new TestQuorum(label, dir, roster, files, List.of(officerIds));
    }

    public Path card(String officer) {
        return TokenEnrolment.cardFile(dir.resolve("cards"), officer);
    }

    public List<Path> cards(String... officerIds) {
        List<Path> out = new ArrayList<>();
        for (String id : officerIds) {
            out.add(card(id));
        }
        return out;
    }

    /** Test-only: rebuilds the token PIN from the cards so pkcs11-tool can inspect the token. */
    public String pinForInspection(Path scratch) throws Exception {
        List<OfficerCard> cards = new ArrayList<>();
        for (String id : officers) {
            cards.add(OfficerCard.read(card(id)));
        }
        Path t = scratch.resolve("inspection-" + System.nanoTime() + ".jsonl");
        try (Transcript transcript = Transcript.create(t, Clock.systemUTC());
             OfficerQuorum q = OfficerQuorum.activate("inspect", roster, cards, new PassphraseFiles(passphraseFiles), transcript)) {
            return new String(q.pin(transcript));
        }
    }
}
