package dev.trustline.station;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The station depends on core only (the signer is a test dependency, for the real server the tests
 * talk to): no main source names a signer or ceremony class. And its packages have no cycles.
 */
class StationPackagesTest {
    static final Path SOURCES = Path.of("src/main/java/dev/trustline/station");
    static final Pattern STATION = Pattern.compile("dev\\.trustline\\.station\\.([a-z]+)\\.[A-Z]");
    static final Pattern OTHER_TOOL = Pattern.compile("dev\\.trustline\\.(signer|ceremony)\\.");

    @Test
    void mainSources_useCoreOnly() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path f : sources()) {
            if (OTHER_TOOL.matcher(Files.readString(f)).find()) {
                offenders.add(SOURCES.relativize(f).toString());
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void stationPackages_haveNoCycles() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Path f : sources()) {
            String pkg = SOURCES.relativize(f.getParent()).toString();
            Set<String> targets = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher m = STATION.matcher(Files.readString(f));
            while (m.find()) {
                if (!m.group(1).equals(pkg)) {
                    targets.add(m.group(1));
                }
            }
        }
        List<String> cycles = new ArrayList<>();
        for (String from : uses.keySet()) {
            for (String to : uses.get(from)) {
                if (reaches(uses, to, from, new TreeSet<>())) {
                    cycles.add(from + " -> " + to);
                }
            }
        }
        assertEquals(List.of(), cycles, "package dependencies: " + uses);
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
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
