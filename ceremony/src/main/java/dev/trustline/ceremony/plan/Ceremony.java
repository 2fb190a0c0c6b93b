package dev.trustline.ceremony.plan;

import dev.trustline.ceremony.plan.Steps.Step;
import dev.trustline.core.Environment;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated ceremony: what the reviewed file says (its environment marks every certificate it makes), its SHA-256
 * (shown at start, recorded in the transcript), and where it lives (relative input paths resolve against
 * {@code baseDir}). {@code location} (optional, null when not given) is where the ceremony takes place, recorded in
 * the start entry and printed.
 */
public record Ceremony(String id, String description, Environment environment, String administrator,
                       List<String> witnesses, List<String> tokens, List<Step> steps, Path file, String sha256,
                       String location) {

    public Ceremony {
        witnesses = List.copyOf(witnesses);
        tokens = List.copyOf(tokens);
        steps = List.copyOf(steps);
    }

    public List<String> outputs() {
        return steps.stream().flatMap(s -> s.outputs().stream()).toList();
    }
}
