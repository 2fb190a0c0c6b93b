package dev.trustline.core.config;

import dev.trustline.core.TrustLineException;
import java.util.List;

/** A configuration file is malformed or invalid; every problem names its YAML path. */
public final class ConfigException extends TrustLineException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public ConfigException(String file, List<String> problems) {
        super(file + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String file, String problem) {
        this(file, List.of(problem));
    }

    /** Each entry reads "path: what is wrong", e.g. "steps[2].validity.not-after: before not-before". */
    public List<String> problems() {
        return problems;
    }
}
