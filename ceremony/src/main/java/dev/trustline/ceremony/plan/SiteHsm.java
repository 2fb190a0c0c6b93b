package dev.trustline.ceremony.plan;

import dev.trustline.core.Environment;
import dev.trustline.core.config.ConfigException;
import dev.trustline.core.config.Problems;
import dev.trustline.core.config.StrictYaml;
import dev.trustline.core.hsm.PinSource;
import dev.trustline.core.quorum.QuorumException;
import dev.trustline.core.quorum.Roster;
import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validated site HSM file: for each logical token, module path, token label, and either its roster
 * (read now and checked against the SHA-256 the file pins, so an unauthenticated roster never gets to
 * a card unlock or a login) or, for test ceremonies only, a PIN reference.
 */
public record SiteHsm(Map<String, Token> tokens, Path file, Path baseDir, String sha256) {
    private static final String SHA256 = "[0-9a-f]{64}";

    /** Exactly one of {@code pin} and {@code roster} is set; a roster here matched its pinned SHA-256. */
    public record Token(Path module, String label, PinSource pin, Roster roster) {
    }

    /** Reads the HSM file and checks it maps every token the ceremony uses, before any HSM is opened. */
    public static SiteHsm load(Path file, Ceremony ceremony) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read the HSM file (" + e.getClass().getSimpleName() + ")");
        }
        HsmFile raw = StrictYaml.parse(bytes, file.toString(), HsmFile.class);
        Problems p = new Problems(file.toString());
        Map<String, Token> tokens = new LinkedHashMap<>();
        Map<String, HsmFile.TokenConfig> configs = raw.tokens() == null ? Map.of() : raw.tokens();
        for (String name : ceremony.tokens()) {
            p.require(configs.containsKey(name), "tokens." + name, "is missing: the ceremony uses this token");
        }
        configs.forEach((name, c) -> {
            Token t = token(c, "tokens." + name, file.toAbsolutePath().getParent(), ceremony, p);
            p.require(ceremony.tokens().contains(name), "tokens." + name, "is not a token the ceremony uses");
            tokens.put(name, t);
        });
        p.throwIfAny();
        return new SiteHsm(Map.copyOf(tokens), file, file.toAbsolutePath().getParent(), Digests.sha256Hex(bytes));
    }

    private static Token token(HsmFile.TokenConfig c, String path, Path baseDir, Ceremony ceremony, Problems p) {
        if (!p.requirePresent(c, path)) {
            return null;
        }
        boolean ok = p.requirePresent(c.module(), path + ".module") & p.requirePresent(c.label(), path + ".label");
        if (c.roster() != null) {
            ok &= p.require(c.pin() == null, path + ".pin", "give either roster or pin, not both");
            Roster roster = pinnedRoster(baseDir.resolve(c.roster()), c.rosterSha256(), path, p);
            ok &= roster == null || p.require(roster.tokenLabel().equals(c.label()), path + ".roster",
                    "roster " + c.roster() + " guards token '" + roster.tokenLabel() + "', not '" + c.label() + "'");
            return ok && roster != null ? new Token(Path.of(c.module()), c.label(), null, roster) : null;
        }
        ok &= p.require(c.rosterSha256() == null, path + ".roster-sha256", "pins a roster: give roster too");
        ok &= p.require(ceremony.environment() == Environment.TEST, path + ".pin",
                "a production ceremony logs in only through officer quorum: give roster: officers.json");
        ok &= p.require(c.pin() != null && PinSource.isValid(c.pin()), path + ".pin",
                "must be a reference file:PATH or env:NAME (never the PIN itself)");
        return ok ? new Token(Path.of(c.module()), c.label(), new PinSource(c.pin()), null) : null;
    }

    /** The roster whose exact bytes have the pinned SHA-256; parsed only after the hash matched. */
    private static Roster pinnedRoster(Path file, String pin, String path, Problems p) {
        if (!p.require(pin != null && pin.matches(SHA256), path + ".roster-sha256",
                "must pin the roster: the 64 lowercase hex digits of the SHA-256 that officers init printed")) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = dev.trustline.core.files.NewFiles.readSmall(file, "roster");
        } catch (dev.trustline.core.TrustLineException e) {
            p.add(path + ".roster", e.getMessage());
            return null;
        }
        String actual = Digests.sha256Hex(bytes);
        if (!p.require(actual.equals(pin), path + ".roster-sha256", "roster " + file + " has SHA-256 " + actual
                + ", not the pinned " + pin + ": refused before any card is unlocked or PIN tried")) {
            return null;
        }
        try {
            return Roster.parse(bytes, file.toString());
        } catch (QuorumException e) {
            p.add(path + ".roster", e.getMessage());
            return null;
        }
    }
}
