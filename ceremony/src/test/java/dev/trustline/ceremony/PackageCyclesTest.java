package dev.trustline.ceremony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The ceremony reads one way: plan -> steps -> run -> transcript (cli on top, verify apart). Reads the
 * sources' imports and fully qualified references between the ceremony's packages and looks for cycles.
 */
class PackageCyclesTest {
    static final Path SOURCES = Path.of("src/main/java/dev/trustline/ceremony");
    static final Pattern REFERENCE = Pattern.compile("dev\\.trustline\\.ceremony\\.([a-z]+)\\.[A-Z]");

    @Test
    void ceremonyPackages_haveNoCycles() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        List<String> cycles = new ArrayList<>();
        for (String from : uses.keySet()) {
            for (String to : uses.get(from)) {
                if (reaches(uses, to, from, new TreeSet<>())) {
                    cycles.add(from + " -> " + to + " -> ... -> " + from);
                }
            }
        }
        assertEquals(List.of(), cycles, "package dependencies: " + uses);
    }

    @Test
    void steps_doNotKnowTheRunner() throws IOException {
        Set<String> stepUses = dependencies().getOrDefault("steps", Set.of());
        assertTrue(!stepUses.contains("run") && !stepUses.contains("cli"), "steps uses " + stepUses);
    }

    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f.getParent()).toString();
                Matcher m = REFERENCE.matcher(Files.readString(f));
                Set<String> targets = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        targets.add(m.group(1));
                    }
                }
            }
        }
        return uses;
    }

    private static boolean reaches(Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : uses.getOrDefault(from, Set.of())) {
            if (reaches(uses, next, target, seen)) {
                return true;
            }
        }
        return false;
    }
}
