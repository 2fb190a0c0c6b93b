package dev.trustline.ceremony.run;

import dev.trustline.ceremony.console.Confirmer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Answers confirmations from a script (true = the operator typed yes); records what it was shown. */
public final class ScriptedConfirmer implements Confirmer {
    private final Deque<Boolean> answers;
    public final List<String> shown = new ArrayList<>();
    public final java.util.Set<String> decliningOfficers = new java.util.HashSet<>();

    public ScriptedConfirmer(Boolean... answers) {
        this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public boolean confirm(String stepId, String summary) {
        shown.add(summary);
        return !answers.isEmpty() && answers.pop();
    }

    @Override
    public boolean approve(String officerId, String stepId, String digestWords) {
        return !decliningOfficers.contains(officerId);
    }

    @Override
    public String mode() {
        return "scripted";
    }

    @Override
    public void info(String line) {
        // tests stay quiet
    }
}
