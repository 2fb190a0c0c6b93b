package dev.trustline.ceremony.plan;

import dev.trustline.core.Environment;
import dev.trustline.ceremony.plan.Steps.InputFile;
import dev.trustline.core.config.ConfigException;
import dev.trustline.core.config.Problems;
import dev.trustline.core.policy.Policy;

/** A policy file to be signed: it must be a valid policy of the ceremony's environment. */
final class PolicyInput {
    private PolicyInput() {
    }

    /** The policy id, or null after adding problems (each policy problem is prefixed with the step's path). */
    static String check(InputFile in, Environment environment, String path, Problems p) {
        try {
            Policy policy = Policy.parse(in.bytes(), in.path().toString());
            boolean same = environment == null || policy.environment() == environment;
            return p.require(same, path, "policy " + policy.id() + " is for " + policy.environment().name().toLowerCase(java.util.Locale.ROOT)
                    + ", this ceremony for " + (environment == null ? "?" : environment.configName())) ? policy.id() : null;
        } catch (ConfigException e) {
            for (String problem : e.problems()) {
                p.add(path, "policy " + in.path().getFileName() + ": " + problem);
            }
            return null;
        }
    }
}
