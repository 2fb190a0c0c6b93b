package dev.trustline.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every validation problem of a configuration, each with its YAML path, so a reviewer sees
 * all of them at once; {@link #throwIfAny} turns them into one {@link ConfigException}.
 */
public final class Problems {
    private final String source;
    private final List<String> problems = new ArrayList<>();

    public Problems(String source) {
        this.source = source;
    }

    public void add(String path, String message) {
        problems.add(path + ": " + message);
    }

    /** Adds the problem when {@code condition} is false; returns the condition for chaining. */
    public boolean require(boolean condition, String path, String message) {
        if (!condition) {
            add(path, message);
        }
        return condition;
    }

    /** Requires a non-blank value; returns whether it was present. */
    public boolean requirePresent(Object value, String path) {
        boolean present = value != null && !(value instanceof String s && s.isBlank());
        return require(present, path, "is required");
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(problems);
    }

    public void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
    }
}
