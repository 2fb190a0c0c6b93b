package dev.trustline.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release tarball (bin/package) unpacked into an empty folder runs both tools with Maven off the
 * PATH, an empty home (no ~/.m2) and no source tree: `signer --help`, `station --help`, shell completion, and a whole
 * `ceremony rehearse` verified by `ceremony verify`. Its SHA256SUMS, SBOM and systemd unit are checked.
 */
class DistributionIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path root;
    static Path tarball;
    static Path empty;
    static Path unpacked;
    static Path pathBin;

    record Run(int exit, String out) {
    }

    @BeforeAll
    static void packageAndUnpack() throws Exception {
        root = Path.of(System.getProperty("trustline.root"));
        Run pkg = run(root, Map.of(), root.resolve("bin/package").toString(), "--no-build", "--out", tmp.resolve("dist").toString());
        assertEquals(0, pkg.exit(), pkg.out());
        try (Stream<Path> s = Files.list(tmp.resolve("dist"))) {
            tarball = s.filter(p -> p.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
        }
        empty = Files.createDirectories(tmp.resolve("empty"));
        Run untar = run(empty, Map.of(), "tar", "-xzf", tarball.toString());
        assertEquals(0, untar.exit(), untar.out());
        try (Stream<Path> s = Files.list(empty)) {
            unpacked = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        pathBin = withoutMaven(Files.createDirectories(tmp.resolve("path-bin")));
    }

    /** A PATH folder with every system command except Maven's. */
    private static Path withoutMaven(Path dir) throws IOException {
        for (String d : List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path folder = Path.of(d);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> s = Files.list(folder)) {
                for (Path p : s.toList()) {
                    String name = p.getFileName().toString();
                    if (!name.startsWith("mvn") && !Files.exists(dir.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(dir.resolve(name), p);
                    }
                }
            }
        }
        return dir;
    }

    static Run run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Runs in the empty folder with only PATH (no Maven), HOME (empty) and LANG: nothing of the build machine. */
    static Run dist(String... command) throws Exception {
        return distWith(Map.of(), command);
    }

    static Run distWith(Map<String, String> extra, String... command) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(empty.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", pathBin.toString(), "HOME", home.toString(), "LANG", "C.UTF-8"));
        pb.environment().putAll(extra);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static String tool(String name) {
        return unpacked.resolve("bin/" + name).toString();
    }

    @Test
    void unpacked_mavenIsOffThePath_andNoHomeRepository() throws Exception {
        Run r = dist("sh", "-c", "command -v mvn || echo no-maven; ls -A \"$HOME\"");
        assertEquals("no-maven", r.out().strip().lines().findFirst().orElse(""), r.out());
    }

    @Test
    void unpacked_everyFileMatchesSha256sums() throws Exception {
        Run r = run(unpacked, Map.of(), "sha256sum", "--check", "--strict", "--quiet", "SHA256SUMS");
        assertEquals(0, r.exit(), r.out());
        String sums = Files.readString(unpacked.resolve("SHA256SUMS"));
        for (String f : List.of("lib/signer/trustline-signer-", "lib/ceremony/trustline-ceremony-", "bin/signer", "bin/ceremony", "bin/station", "lib/station/trustline-station-",
                "runbooks/signer.md", "runbooks/hsm.md", "sbom.cdx.json", "LICENSE", "SECURITY.md", "packaging/trustline-signer.service")) {
            assertTrue(sums.contains("  " + f), f + " is not in SHA256SUMS:\n" + sums);
        }
    }

    @Test
    void signerHelp_runsFromTheTarballWithoutMaven() throws Exception {
        Run r = dist(tool("signer"), "--help");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("serve") && r.out().contains("ledger"), r.out());
        assertFalse(r.out().contains("Exception") || r.out().contains("logback") || r.out().contains("SLF4J"), r.out());
        Run completion = dist(tool("signer"), "generate-completion");
        assertEquals(0, completion.exit(), completion.out());
        assertTrue(completion.out().contains("complete -F") && completion.out().contains("serve"), completion.out());
        Run station = dist(tool("station"), "--help");
        assertEquals(0, station.exit(), station.out());
        assertTrue(station.out().contains("provision"), station.out());
        Run ceremonyCompletion = dist(tool("ceremony"), "generate-completion");
        assertTrue(ceremonyCompletion.out().contains("complete -F") && ceremonyCompletion.out().contains("rehearse"), ceremonyCompletion.out());
    }

    @Test
    void signerSubmit_classArchive_madeByTheFirstRunThatSentABatch_thenUsed() throws Exception {
        Path cds = tmp.resolve("home/.cache/trustline/cds");
        Run help = dist(tool("signer"), "submit", "--help");
        assertEquals(0, help.exit(), help.out());
        assertTrue(help.out().startsWith("Usage: signer submit [-hV] --batch=BATCH.jsonl"), help.out());
        assertEquals(2, dist(tool("signer"), "submit", "--no-such-option").exit());
        assertEquals(List.of(), archives(cds), "--help and a bad option leave no archive (only a run that sent a batch does)");
        Run off = distWith(Map.of("TRUSTLINE_CDS", "off"), tool("signer"), "submit", "--version", "--batch", "b.jsonl");
        assertEquals(0, off.exit(), off.out());
        assertEquals(List.of(), archives(cds), "TRUSTLINE_CDS=off");
        // archives of older builds: the newest three archives are kept, so the oldest of these goes
        Files.createDirectories(cds);
        List<Path> older = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path old = Files.write(cds.resolve("client-" + "0".repeat(19) + i + ".jsa"), new byte[] {1});
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_000L + i * 1000L));
            older.add(old);
        }
        // --version ends the run with 0 before any batch is read: as a successful first run, it leaves the archive
        Run first = dist(tool("signer"), "submit", "--version", "--batch", "b.jsonl");
        assertEquals(0, first.exit(), first.out());
        List<Path> kept = archives(cds);
        assertEquals(3, kept.size(), kept.toString());
        assertFalse(kept.contains(older.get(0)), kept.toString());
        for (Path old : older.subList(1, 3)) {
            Files.delete(old);
        }
        List<Path> made = archives(cds);
        assertEquals(1, made.size(), made.toString());
        assertTrue(made.get(0).getFileName().toString().matches("client-[0-9a-f]{20}\\.jsa"), made.toString());
        long size = Files.size(made.get(0));
        Run second = dist(tool("signer"), "submit", "--version", "--batch", "b.jsonl");
        assertEquals(first.out(), second.out(), "the same output, and no JVM line on stdout");
        assertEquals(List.of(made.get(0)), archives(cds));
        assertEquals(size, Files.size(made.get(0)));
        assertFalse(second.out().contains("[warning]") || second.out().contains("[error]"), second.out());
        // the JVM itself names the archive it mapped (and checks it against the class path)
        Run mapped = distWith(Map.of("JAVA_TOOL_OPTIONS", "-XX:+PrintSharedArchiveAndExit"), tool("signer"), "submit", "--version");
        assertTrue(mapped.out().contains("Dynamic archive name: " + made.get(0)), mapped.out().lines().filter(l -> l.contains("rchive")).toList().toString());
        // an upgraded jar (here: the same bytes, a new time) makes a new archive beside the old one, never a stale mapping
        Path jar;
        try (Stream<Path> jars = Files.list(unpacked.resolve("lib/signer"))) {
            jar = jars.filter(p -> p.getFileName().toString().startsWith("trustline-signer-")).findFirst().orElseThrow();
        }
        java.nio.file.attribute.FileTime was = Files.getLastModifiedTime(jar);
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(was.toMillis() + 60_000));
        try {
            assertEquals(0, dist(tool("signer"), "submit", "--version", "--batch", "b.jsonl").exit());
            List<Path> after = archives(cds);
            assertEquals(2, after.size(), after.toString());
            assertTrue(after.contains(made.get(0)), after.toString());
        } finally {
            Files.setLastModifiedTime(jar, was);
        }
    }

    private static List<Path> archives(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void ceremonyRehearse_runsFromTheTarballWithoutMaven_andVerifies() throws Exception {
        Run r = dist(tool("ceremony"), "rehearse", unpacked.resolve("examples/ceremony/root-ceremony.yaml").toString(),
                "--out", "rehearsal", "--yes", "--operator", "release-check");
        assertEquals(0, r.exit(), r.out());
        Run v = dist(tool("ceremony"), "verify", "rehearsal/transcript.jsonl", "--no-roster", "--json", "--distribution", tarball.toString());
        assertEquals(0, v.exit(), v.out());
        JsonNode result = JSON.readTree(v.out());
        assertTrue(result.path("ok").asBoolean() && result.path("distribution").path("ok").asBoolean(), v.out());
        JsonNode start = JSON.readTree(Files.readAllLines(empty.resolve("rehearsal/transcript.jsonl")).get(0));
        JsonNode software = start.path("payload").path("software");
        assertFalse(software.path("unpackaged").asBoolean(), software.toString());
        assertTrue(software.toString().contains("trustline-ceremony-") && software.path("jars").size() > 10, software.toString());

        Path other = otherBuild();
        Run refused = dist(tool("ceremony"), "verify", "rehearsal/transcript.jsonl", "--no-roster", "--distribution", other.toString());
        assertEquals(1, refused.exit(), refused.out());
        assertTrue(refused.out().contains("FAILED: distribution: picocli-4.7.7.jar differs"), refused.out());
    }

    /** The same tarball with one ceremony jar changed (as another build would be). */
    private static Path otherBuild() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("other"));
        assertEquals(0, run(work, Map.of(), "tar", "-xzf", tarball.toString()).exit());
        Path jar;
        try (Stream<Path> s = Files.walk(work)) {
            jar = s.filter(p -> p.toString().endsWith("/lib/ceremony/picocli-4.7.7.jar")).findFirst().orElseThrow();
        }
        Files.write(jar, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        Path out = tmp.resolve("other.tar.gz");
        assertEquals(0, run(work, Map.of(), "sh", "-c", "tar -czf " + out + " *").exit());
        return out;
    }

    @Test
    void sbom_isCycloneDx_listingBothToolsAndTheirLibraries() throws Exception {
        JsonNode bom = JSON.readTree(unpacked.resolve("sbom.cdx.json").toFile());
        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        List<String> names = new ArrayList<>();
        bom.path("components").forEach(c -> names.add(c.path("name").asText()));
        for (String n : List.of("trustline-signer", "trustline-ceremony", "trustline-station", "trustline-core", "jSerialComm", "bcprov-jdk18on", "logback-classic",
                "micrometer-registry-prometheus", "jetty-server", "picocli")) {
            assertTrue(names.contains(n), n + " missing from the SBOM: " + names);
        }
    }

    @Test
    void systemdUnit_passesSystemdAnalyzeVerify() throws Exception {
        Path unit = unpacked.resolve("packaging/trustline-signer.service");
        String text = Files.readString(unit).replace("/opt/trustline", unpacked.toString());
        assertTrue(text.contains("LoadCredential=signer.pin:") && text.contains("ProtectSystem=strict")
                && text.contains("NoNewPrivileges=yes") && text.contains("User=trustline"), text);
        if (!Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
            return; // the content checks above still ran
        }
        Path copy = Files.writeString(Files.createDirectories(tmp.resolve("unit")).resolve("trustline-signer.service"), text);
        Run r = run(tmp, Map.of(), "systemd-analyze", "verify", copy.toString());
        assertEquals(0, r.exit(), r.out());
        assertEquals("", r.out().strip(), r.out());
    }
}
