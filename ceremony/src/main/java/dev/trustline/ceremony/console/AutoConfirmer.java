package dev.trustline.ceremony.console;

import java.io.PrintStream;

/** Rehearsal with --yes: shows each summary and answers yes itself; the transcript records "auto". */
public final class AutoConfirmer implements Confirmer {
    private final PrintStream out;

    public AutoConfirmer(PrintStream out) {
        this.out = out;
    }

    @Override
    public boolean confirm(String stepId, String summary) {
        out.println(summary);
        out.println("[rehearsal --yes] step '" + stepId + "' confirmed automatically");
        return true;
    }

    @Override
    public boolean approve(String officerId, String stepId, String digestWords) {
        out.println("[rehearsal --yes] officer '" + officerId + "' approves step '" + stepId + "'");
        return true;
    }

    @Override
    public String mode() {
        return "auto";
    }

    @Override
    public void info(String line) {
        out.println(line);
    }
}
