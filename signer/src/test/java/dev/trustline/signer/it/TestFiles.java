package dev.trustline.signer.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Small file and process helpers for the integration tests. */
final class TestFiles {
    private TestFiles() {
    }

    static Path write(Path dir, String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    record Result(int code, String out) {
    }

    /** Runs a command in {@code dir}; exit code and merged output. */
    static Result run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), out);
    }
}
