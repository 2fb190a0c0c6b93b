package dev.trustline.ceremony.plan;

import dev.trustline.core.Environment;
import dev.trustline.ceremony.plan.CeremonyFile.StepConfig;
import dev.trustline.ceremony.plan.Steps.Step;
import dev.trustline.core.config.ConfigException;
import dev.trustline.core.config.Problems;
import dev.trustline.core.config.StrictYaml;
import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a ceremony file strictly and validates all of it (every step, every cross-reference, every
 * input file) before any HSM is opened; every problem is reported with its YAML path.
 */
public final class CeremonyPlanner {
    private static final String ID = "[a-z0-9][a-z0-9-]{0,62}";
    private static final String FILE = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";

    private CeremonyPlanner() {
    }

    public static Ceremony plan(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read the ceremony file (" + e.getClass().getSimpleName() + ")");
        }
        CeremonyFile raw = StrictYaml.parse(bytes, file.toString(), CeremonyFile.class);
        return validate(raw, file, Digests.sha256Hex(bytes));
    }

    static Ceremony validate(CeremonyFile raw, Path file, String sha256) throws ConfigException {
        Problems p = new Problems(file.toString());
        p.require(Integer.valueOf(1).equals(raw.version()), "version", "must be 1");
        p.require(raw.ceremony() != null && raw.ceremony().matches(ID), "ceremony",
                "must be an id of lowercase letters, digits and dashes");
        Environment env = environment(raw.environment(), raw.environmentOid(), p);
        List<String> witnesses = raw.witnesses() == null ? List.of() : raw.witnesses();
        people(raw.administrator(), witnesses, env, p);
        List<String> tokens = tokens(raw.tokens(), p);
        StepPlanner planner = new StepPlanner(env, new HashSet<>(tokens), file.toAbsolutePath().getParent(), p);
        List<Step> steps = steps(raw.steps(), planner, p);
        p.require(raw.location() == null || (!raw.location().isBlank() && raw.location().length() <= 200), "location",
                "must be a place name of 1-200 characters");
        p.throwIfAny();
        return new Ceremony(raw.ceremony(), raw.description(), env, raw.administrator(), witnesses, tokens, steps, file, sha256,
                raw.location());
    }

    /**
     * The explicit test/production marker: {@code environment} names it and {@code environment-oid} repeats
     * the certificatePolicies OID every certificate of this ceremony will carry, so reviewers see it.
     */
    private static Environment environment(String value, String oid, Problems p) {
        Environment env = Environment.fromConfigName(value).orElse(null);
        if (env == null) {
            p.add("environment", "must be production or test");
            return null;
        }
        p.require(env.oid().getId().equals(oid), "environment-oid", oid == null
                ? "is required: the certificatePolicies OID that marks this ceremony's certificates as " + env.configName()
                        + " (" + env.oid().getId() + ")"
                : "'" + oid + "' is not the " + env.configName() + " OID " + env.oid().getId()
                        + Environment.fromOid(oid).map(o -> " (it is the " + o.configName() + " OID)").orElse(""));
        return env;
    }

    /** Who runs and who watches: recorded in the transcript; a production ceremony needs both. */
    private static void people(String administrator, List<String> witnesses, Environment env, Problems p) {
        boolean production = env == Environment.PRODUCTION;
        p.require(!production || (administrator != null && !administrator.isBlank()), "administrator",
                "a production ceremony names its administrator");
        p.require(!production || !witnesses.isEmpty(), "witnesses", "a production ceremony names at least one witness");
        for (int i = 0; i < witnesses.size(); i++) {
            p.require(witnesses.get(i) != null && !witnesses.get(i).isBlank(), "witnesses[" + i + "]", "must not be empty");
        }
    }

    private static List<String> tokens(List<String> tokens, Problems p) {
        if (tokens == null || tokens.isEmpty()) {
            p.add("tokens", "must list the logical HSM token names the steps use");
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            p.require(t != null && t.matches(ID), "tokens[" + i + "]", "must be an id of lowercase letters, digits and dashes");
            p.require(seen.add(t), "tokens[" + i + "]", "'" + t + "' is listed twice");
        }
        return tokens;
    }

    private static List<Step> steps(List<StepConfig> configs, StepPlanner planner, Problems p) {
        List<Step> steps = new ArrayList<>();
        if (configs == null || configs.isEmpty()) {
            p.add("steps", "must list at least one step");
            return steps;
        }
        Set<String> outputs = new HashSet<>();
        for (int i = 0; i < configs.size(); i++) {
            String path = "steps[" + i + "]";
            StepConfig c = configs.get(i);
            if (!p.requirePresent(c, path) || !checkId(c.id(), path, planner, p)) {
                continue;
            }
            Step step = planner.plan(c, path);
            if (step != null) {
                p.requirePresent(step.output(), path + ".output");
                for (String out : step.outputs()) {
                    checkOutput(out, path + ".output", outputs, p);
                }
                steps.add(step);
            }
        }
        return steps;
    }

    private static boolean checkId(String id, String path, StepPlanner planner, Problems p) {
        if (!p.require(id != null && id.matches(ID), path + ".id", "must be an id of lowercase letters, digits and dashes")) {
            return false;
        }
        return p.require(!planner.known(id), path + ".id", "'" + id + "' is used by an earlier step");
    }

    private static void checkOutput(String name, String path, Set<String> outputs, Problems p) {
        if (!p.requirePresent(name, path)) {
            return;
        }
        p.require(name.matches(FILE) && !name.equals("transcript.jsonl"), path,
                "'" + name + "' must be a plain file name (letters, digits, . _ -), not transcript.jsonl");
        p.require(outputs.add(name), path, "'" + name + "' is written by an earlier step");
    }
}
