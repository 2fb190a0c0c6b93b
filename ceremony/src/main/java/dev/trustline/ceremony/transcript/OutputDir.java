package dev.trustline.ceremony.transcript;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.files.NewFiles;
import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The --out directory. It must not exist or be empty before the HSM is touched, so a ceremony's folder
 * holds exactly its transcript and outputs (nothing older, nothing unrelated). Each file is written to a
 * temporary name, forced to disk, then hard-linked into place (atomic, and failing if the name appeared
 * meanwhile); every file written is remembered with its SHA-256 for the end entry.
 */
public final class OutputDir {
    public static final String TRANSCRIPT = "transcript.jsonl";

    /** A file this ceremony wrote, in order. */
    public record Written(String file, String sha256) {
    }

    private final Path dir;
    private final List<Written> written = new ArrayList<>();

    public OutputDir(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    /** Creates the directory if needed; refuses one that holds anything. */
    public void prepare() throws TrustLineException {
        if (Files.isDirectory(dir)) {
            List<String> present = present();
            if (!present.isEmpty()) {
                throw new TrustLineException("--out " + dir + " is not empty (it holds " + String.join(", ", present)
                        + "): a ceremony writes only into a new or empty folder, never over or beside other files");
            }
        } else if (Files.exists(dir)) {
            throw new TrustLineException("--out " + dir + " exists and is not a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TrustLineException("cannot create output directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private List<String> present() throws TrustLineException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().limit(5).toList();
        } catch (IOException e) {
            throw new TrustLineException("cannot list output directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code name} atomically and durably; fails if it exists. */
    public Path write(String name, byte[] bytes) throws TrustLineException {
        Path target = dir.resolve(name);
        NewFiles.writeNew(target, bytes, NewFiles.PUBLIC, "output");
        written.add(new Written(name, Digests.sha256Hex(bytes)));
        return target;
    }

    /** Every output written so far, in order. */
    public List<Written> written() {
        return List.copyOf(written);
    }
}
