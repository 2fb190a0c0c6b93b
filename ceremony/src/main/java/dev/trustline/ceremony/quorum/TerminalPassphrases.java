package dev.trustline.ceremony.quorum;

import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.util.Arrays;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Masked passphrase prompts at a real terminal. Refuses to read a secret when there is no terminal
 * (piped or closed stdin can feed junk): use --passphrase-file for rehearsals and tests instead.
 */
public final class TerminalPassphrases implements PassphraseSource {
    private final LineReader reader;

    private TerminalPassphrases(LineReader reader) {
        this.reader = reader;
    }

    public static TerminalPassphrases open() throws TrustLineException {
        if (System.console() == null) {
            throw new TrustLineException("officer passphrases are read only at a terminal; for rehearsals and tests "
                    + "give --passphrase-file OFFICER=FILE");
        }
        try {
            Terminal terminal = TerminalBuilder.builder().system(true).build();
            return new TerminalPassphrases(LineReaderBuilder.builder().terminal(terminal).build());
        } catch (IOException e) {
            throw new TrustLineException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    @Override
    public char[] passphrase(String officerId, String purpose) throws TrustLineException {
        try {
            return reader.readLine("Officer " + officerId + ", passphrase (" + purpose + "): ", '*').toCharArray();
        } catch (EndOfFileException | UserInterruptException e) {
            throw new TrustLineException("officer '" + officerId + "' gave no passphrase");
        }
    }

    @Override
    public char[] newPassphrase(String officerId) throws TrustLineException {
        char[] first = passphrase(officerId, "new card");
        char[] second = null;
        try {
            PassphraseStrength.require(officerId, first);
            second = passphrase(officerId, "new card, again");
            if (!Arrays.equals(first, second)) {
                throw new TrustLineException("the two passphrases of officer '" + officerId + "' differ");
            }
            return first.clone();
        } finally {
            PassphraseStrength.wipe(first);
            PassphraseStrength.wipe(second);
        }
    }

    @Override
    public String mode() {
        return "terminal";
    }
}
