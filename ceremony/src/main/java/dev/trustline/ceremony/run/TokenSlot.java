package dev.trustline.ceremony.run;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.quorum.Roster;
import java.nio.file.Path;

/**
 * Where one logical token is and how it is activated: a PKCS#11 module and token label, and either an
 * authenticated roster (M of N officers' cards rebuild the PIN) or, for test ceremonies only, a PIN
 * reader. A real run takes it from the site HSM file (rosters pinned by SHA-256), a rehearsal from the
 * throwaway token it has just made; everything after that is the same code ({@link TokenOpener}).
 */
public record TokenSlot(Path module, String label, PinReader pin, Roster roster) {

    /** Reads a PIN for a token not under quorum; the caller wipes the returned array. */
    @FunctionalInterface
    public interface PinReader {
        char[] read() throws TrustLineException;
    }

    public TokenSlot {
        if ((pin == null) == (roster == null)) {
            throw new IllegalArgumentException("a token slot has either a roster or a PIN reader");
        }
    }

    public static TokenSlot underQuorum(Path module, String label, Roster roster) {
        return new TokenSlot(module, label, null, roster);
    }

    public static TokenSlot withPin(Path module, String label, PinReader pin) {
        return new TokenSlot(module, label, pin, null);
    }
}
