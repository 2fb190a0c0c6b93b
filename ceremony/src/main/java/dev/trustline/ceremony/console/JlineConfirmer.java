package dev.trustline.ceremony.console;

import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.io.PrintStream;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The operator's console: shows what will be signed and reads a typed answer; only "yes" signs.
 * Confirmations are not secrets, so a piped answer is accepted (the transcript records the mode).
 */
public final class JlineConfirmer implements Confirmer, AutoCloseable {
    private final Terminal terminal;
    private final LineReader reader;
    private final PrintStream out;

    public JlineConfirmer(PrintStream out) throws TrustLineException {
        this.out = out;
        try {
            this.terminal = TerminalBuilder.builder().system(true).dumb(true).build();
        } catch (IOException e) {
            throw new TrustLineException("cannot open the console: " + e.getMessage(), e);
        }
        this.reader = LineReaderBuilder.builder().terminal(terminal).build();
    }

    @Override
    public boolean confirm(String stepId, String summary) throws TrustLineException {
        out.println(summary);
        out.flush();
        try {
            String answer = reader.readLine("Type yes to sign step '" + stepId + "', anything else aborts: ");
            return "yes".equals(answer.trim());
        } catch (EndOfFileException | UserInterruptException e) {
            return false;
        }
    }

    @Override
    public boolean approve(String officerId, String stepId, String digestWords) throws TrustLineException {
        try {
            String answer = reader.readLine("Officer " + officerId + ": approval digest " + digestWords
                    + "\n  type yes to approve step '" + stepId + "': ");
            return "yes".equals(answer.trim());
        } catch (EndOfFileException | UserInterruptException e) {
            return false;
        }
    }

    @Override
    public String mode() {
        return System.console() != null ? "interactive" : "piped";
    }

    @Override
    public void info(String line) {
        out.println(line);
    }

    @Override
    public void close() throws IOException {
        terminal.close();
    }
}
