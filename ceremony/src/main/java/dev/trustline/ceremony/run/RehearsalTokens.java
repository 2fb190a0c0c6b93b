package dev.trustline.ceremony.run;

import dev.trustline.ceremony.quorum.TokenEnrolment;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.HsmException;
import dev.trustline.core.hsm.ThrowawayToken;
import dev.trustline.core.hsm.TokenIdentity;
import dev.trustline.core.hsm.TokenInitializer;
import dev.trustline.core.quorum.ActivationSecret;
import dev.trustline.core.Environment;
import dev.trustline.core.quorum.Roster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * A rehearsal's tokens: one throwaway SoftHSM2 token per logical name, deleted when the rehearsal
 * ends. With officers, each token is enrolled under quorum (cards and roster under
 * {@code OUT/rehearsal-officers/TOKEN/}, test rosters) and the officers present every card written so
 * far, as they would present all their cards at a real run. Without officers a token gets a random PIN
 * held in memory until login.
 */
public final class RehearsalTokens implements TokenSource {
    static final String OFFICERS_DIR = "rehearsal-officers";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path module;
    private final RehearsalOfficers officers;
    private final Path outDir;
    private final List<TokenIdentity> created = new ArrayList<>();
    private final List<char[]> pins = new ArrayList<>();

    public RehearsalTokens(Path module, RehearsalOfficers officers, Path outDir) {
        this.module = module;
        this.officers = officers;
        this.outDir = outDir;
    }

    public RehearsalTokens(Path module) {
        this(module, null, null);
    }

    @Override
    public TokenSlot slot(String name) throws TrustLineException {
        String label = ThrowawayToken.uniqueLabel("rehearsal-" + name);
        if (officers == null) {
            char[] pin = randomPin();
            pins.add(pin);
            char[] so = randomPin();
            try {
                created.add(TokenInitializer.initialise(module, label, so, pin));
            } finally {
                Arrays.fill(so, '\0');
            }
            return TokenSlot.withPin(module, label, pin::clone);
        }
        Path dir = outDir.resolve(OFFICERS_DIR).resolve(name);
        Roster roster = TokenEnrolment.enrol(label, Environment.TEST, officers.threshold(), officers.officers(),
                officers.kdf(), officers.passphrases(), dir, dir.resolve("officers.json"), secret -> initialise(label, secret));
        return TokenSlot.underQuorum(module, label, roster);
    }

    /** Like officers init: the token's PINs come from the activation secret; recorded for deletion at once. */
    private void initialise(String label, ActivationSecret secret) throws TrustLineException {
        char[][] userAndSo = TokenEnrolment.pins(secret);
        try {
            created.add(TokenInitializer.initialise(module, label, userAndSo[1], userAndSo[0]));
        } finally {
            Arrays.fill(userAndSo[0], '\0');
            Arrays.fill(userAndSo[1], '\0');
        }
    }

    @Override
    public QuorumInputs quorumInputs() {
        return new QuorumInputs(this::cardsSoFar, officers == null ? null : officers.passphrases());
    }

    private List<Path> cardsSoFar() throws TrustLineException {
        Path dir = outDir.resolve(OFFICERS_DIR);
        try (Stream<Path> files = Files.walk(dir, 2)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".card.json")).sorted().toList();
        } catch (IOException e) {
            throw new TrustLineException("cannot list the rehearsal's cards in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static char[] randomPin() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        char[] pin = Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray();
        Arrays.fill(b, (byte) 0);
        return pin;
    }

    @Override
    public boolean throwaway() {
        return true;
    }

    @Override
    public void close() throws TrustLineException {
        pins.forEach(p -> Arrays.fill(p, '\0'));
        HsmException first = null;
        for (TokenIdentity t : created) {
            try {
                ThrowawayToken.delete(t);
            } catch (HsmException e) {
                first = first == null ? e : first;
            }
        }
        created.clear();
        if (first != null) {
            throw first;
        }
    }
}
