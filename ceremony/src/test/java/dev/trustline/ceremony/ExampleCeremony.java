package dev.trustline.ceremony;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checked-in example ceremony (ceremony/examples), copied into a test's folder, optionally edited. */
public final class ExampleCeremony {
    public static final Path EXAMPLES = Path.of(System.getProperty("trustline.root", ".."), "ceremony", "examples");

    private ExampleCeremony() {
    }

    public static String text() throws IOException {
        return Files.readString(EXAMPLES.resolve("root-ceremony.yaml"), StandardCharsets.UTF_8);
    }

    /** The example switched to the test environment: its two environment lines, nothing else. */
    public static String asTest(String text) {
        return text.replace("environment: production", "environment: test").replace(
                "environment-oid: " + dev.trustline.core.Environment.PRODUCTION.oid().getId(),
                "environment-oid: " + dev.trustline.core.Environment.TEST.oid().getId());
    }

    /** Writes {@code yaml} as {@code dir/root-ceremony.yaml} beside a copy of the example's inputs. */
    public static Path write(Path dir, String yaml) throws IOException {
        Files.createDirectories(dir.resolve("inputs"));
        Path csr = dir.resolve("inputs/austin-signer.csr");
        if (!Files.exists(csr)) {
            Files.copy(EXAMPLES.resolve("inputs/austin-signer.csr"), csr);
        }
        Path file = dir.resolve("root-ceremony.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    public static Path copy(Path dir) throws IOException {
        return write(dir, text());
    }
}
