package dev.trustline.core.hsm;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * A SoftHSM2 token created for one rehearsal or test and deleted afterwards. Its PINs are random,
 * live only in this JVM's memory for the moment of login, and are never shown.
 */
public final class ThrowawayToken implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final HsmToken token;

    private ThrowawayToken(HsmToken token) {
        this.token = token;
    }

    /** Creates, initialises and logs in to a new token labelled {@code label} (at most 32 characters). */
    public static ThrowawayToken create(Path modulePath, String label) throws HsmException {
        char[] soPin = randomPin();
        char[] userPin = randomPin();
        try {
            TokenIdentity identity = TokenInitializer.initialise(modulePath, label, soPin, userPin);
            try {
                return new ThrowawayToken(HsmToken.open(modulePath, label, userPin));
            } catch (HsmException e) {
                delete(identity);
                throw e;
            }
        } finally {
            HsmToken.wipe(soPin);
            HsmToken.wipe(userPin);
        }
    }

    /** A label unique enough for concurrent rehearsals: prefix plus random suffix, within 32 characters. */
    public static String uniqueLabel(String prefix) {
        String clean = prefix.replaceAll("[^A-Za-z0-9-]", "-");
        String suffix = "-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        return clean.substring(0, Math.min(clean.length(), 32 - suffix.length())) + suffix;
    }

    public HsmToken token() {
        return token;
    }

    /** Deletes the token's files through softhsm2-util (this JVM never uses it again). */
    @Override
    public void close() throws HsmException {
        delete(token.identity());
    }

    /** Deletes a SoftHSM2 token's files by serial (for rehearsal tokens created another way). */
    public static void delete(TokenIdentity identity) throws HsmException {
        String label = identity.label();
        ProcessBuilder pb = new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", identity.serial());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new HsmException("could not delete throwaway token '" + label + "' (softhsm2-util failed)");
            }
        } catch (IOException e) {
            throw new HsmException("could not delete throwaway token '" + label + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HsmException("interrupted while deleting throwaway token '" + label + "'", e);
        }
    }

    private static char[] randomPin() {
        char[] pin = new char[24];
        for (int i = 0; i < pin.length; i++) {
            pin[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return pin;
    }
}
