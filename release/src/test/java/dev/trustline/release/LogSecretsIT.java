package dev.trustline.release;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No PIN, passphrase or password that a test used appears in any test log: the secrets are collected
 * from every module's test sources (literals turned into char[], or assigned to a PIN/pass/secret
 * name, or written to a secrets/ file), the logs are every module's surefire/failsafe output files and
 * test log files. Runs after all other modules' tests (the release module is the reactor's last).
 */
class LogSecretsIT {
    private static final List<Pattern> SECRET_LITERALS = List.of(
            Pattern.compile("\"([^\"\\\\]{6,})\"\\s*\\.toCharArray\\(\\)"),
            Pattern.compile("(?i)\\b\\w*(?:pin|pass|passphrase|password|secret)\\w*\\s*=\\s*\"([^\"\\\\]{6,})\""),
            Pattern.compile("\"secrets/[^\"]+\"\\s*,\\s*\"([^\"\\\\]{6,})\""));

    @Test
    void noTestLog_containsASecretTheTestsUsed() throws IOException {
        Path root = Path.of(System.getProperty("trustline.root"));
        Set<String> secrets = secrets(root);
        assertTrue(secrets.size() >= 5, "too few test secrets found to make this check meaningful: " + secrets.size());
        List<Path> logs = logs(root);
        assertTrue(logs.stream().anyMatch(p -> p.toString().endsWith("signer.log")), "the signer's test log is missing: " + logs);
        List<String> leaks = new ArrayList<>();
        long bytes = 0;
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            bytes += text.length();
            for (String secret : secrets) {
                int at = text.indexOf(secret);
                if (at >= 0) {
                    long line = text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
                    leaks.add(root.relativize(log) + ":" + line + " holds the test secret " + secret.substring(0, 3) + "…");
                }
            }
        }
        assertTrue(bytes > 10_000, "the test logs hold only " + bytes + " characters: are tests logging at all?");
        assertFalse(!leaks.isEmpty(), String.join("\n", leaks));
    }

    /**
     * Secret-looking literals from every module's test sources; references (file:, env:) are not secrets,
     * and all-digit ones are left out (they also occur by chance in serials and device ids).
     */
    static Set<String> secrets(Path root) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root, 12)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/test/java/")
                    && !p.toString().contains("/.state/") && !p.toString().contains("/target/")).toList()) {
                String text = Files.readString(f);
                for (Pattern p : SECRET_LITERALS) {
                    Matcher m = p.matcher(text);
                    while (m.find()) {
                        String s = m.group(1);
                        if (!s.startsWith("file:") && !s.startsWith("env:") && !s.contains("/") && !s.matches("\\d+")) {
                            out.add(s);
                        }
                    }
                }
            }
        }
        return out;
    }

    static List<Path> logs(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 5)) {
            files.filter(Files::isRegularFile).filter(p -> {
                String s = p.toString();
                return !s.contains("/.state/") && !s.contains("LogSecretsIT") && (s.contains("/target/test-logs/")
                        || (s.contains("/target/surefire-reports/") || s.contains("/target/failsafe-reports/")) && s.endsWith("-output.txt"));
            }).forEach(out::add);
        }
        return out;
    }
}
