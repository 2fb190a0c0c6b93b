package dev.trustline.ceremony.transcript;

import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The --out directory. Outputs are only ever created new: before the HSM is touched every planned
 * output (and the transcript) is checked to be absent; each file is written to a temporary name,
 * forced to disk, then hard-linked into place (atomic, and failing if the name appeared meanwhile).
 */
public final class OutputDir {
    public static final String TRANSCRIPT = "transcript.jsonl";
    private final Path dir;

    public OutputDir(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    /** Creates the directory if needed and refuses to go on if any planned output already exists. */
    public void prepare(List<String> outputs) throws TrustLineException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TrustLineException("cannot create output directory " + dir + ": " + e.getMessage(), e);
        }
        List<String> existing = new ArrayList<>();
        for (String name : concat(outputs)) {
            if (Files.exists(dir.resolve(name))) {
                existing.add(name);
            }
        }
        if (!existing.isEmpty()) {
            throw new TrustLineException("output already exists in " + dir + ": " + String.join(", ", existing)
                    + " (outputs are never overwritten; choose a new --out directory)");
        }
    }

    private static List<String> concat(List<String> outputs) {
        List<String> all = new ArrayList<>(outputs);
        all.add(TRANSCRIPT);
        return all;
    }

    /** Writes {@code name} atomically and durably; fails if it exists. */
    public Path write(String name, byte[] bytes) throws TrustLineException {
        Path target = dir.resolve(name);
        dev.trustline.core.files.NewFiles.writeNew(target, bytes, dev.trustline.core.files.NewFiles.PUBLIC, "output");
        return target;
    }
}
