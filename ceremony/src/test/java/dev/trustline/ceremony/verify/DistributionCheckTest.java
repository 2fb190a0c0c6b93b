package dev.trustline.ceremony.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.core.x509.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify --distribution: the start entry's jars against a tarball made by GNU tar, one case per message. */
class DistributionCheckTest {
    @TempDir
    Path dir;

    private Path tarball(String... nameAndContent) throws Exception {
        Path lib = Files.createDirectories(dir.resolve("src/trustline-9.9/lib/ceremony"));
        for (int i = 0; i + 1 < nameAndContent.length; i += 2) {
            Files.writeString(lib.resolve(nameAndContent[i]), nameAndContent[i + 1]);
        }
        Path out = dir.resolve("trustline-9.9.tar.gz");
        Process p = new ProcessBuilder("tar", "--format=gnu", "-czf", out.toString(), "-C", dir.resolve("src").toString(), "trustline-9.9")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, new String(p.getInputStream().readAllBytes()));
        return out;
    }

    private Path transcript(String software) throws Exception {
        return Files.writeString(dir.resolve("transcript.jsonl"),
                "{\"seq\":0,\"type\":\"start\",\"payload\":{\"software\":" + software + "}}\n");
    }

    private static String jar(String name, String content) {
        return "{\"file\":\"" + name + "\",\"sha256\":\"" + Digests.sha256Hex(content.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    @Test
    void ceremonyJars_areReadFromTheTarGzItself() throws Exception {
        Map<String, String> jars = DistributionCheck.ceremonyJars(tarball("a.jar", "AAA", "b.jar", "BBB"));
        assertEquals(Map.of("a.jar", Digests.sha256Hex("AAA".getBytes(StandardCharsets.UTF_8)),
                "b.jar", Digests.sha256Hex("BBB".getBytes(StandardCharsets.UTF_8))), jars);
    }

    @Test
    void check_sameJars_isOk() throws Exception {
        Path t = tarball("a.jar", "AAA", "b.jar", "BBB");
        DistributionCheck.Result r = DistributionCheck.check(transcript("{\"jars\":[" + jar("a.jar", "AAA") + "," + jar("b.jar", "BBB")
                + "],\"unpackaged\":false}"), t);
        assertTrue(r.ok(), r.message());
        assertTrue(r.message().startsWith("the ceremony ran exactly the 2 jars of trustline-9.9.tar.gz"), r.message());
    }

    @Test
    void check_aJarDiffers_namesIt() throws Exception {
        Path t = tarball("a.jar", "AAA", "b.jar", "BBB");
        DistributionCheck.Result r = DistributionCheck.check(transcript("{\"jars\":[" + jar("a.jar", "AAA") + "," + jar("b.jar", "XXX")
                + "],\"unpackaged\":false}"), t);
        assertFalse(r.ok());
        assertTrue(r.message().startsWith("b.jar differs: the ceremony ran sha256 "), r.message());
    }

    @Test
    void check_tarballShipsAnotherJar_isRefused() throws Exception {
        Path t = tarball("a.jar", "AAA", "extra.jar", "EEE");
        DistributionCheck.Result r = DistributionCheck.check(transcript("{\"jars\":[" + jar("a.jar", "AAA") + "],\"unpackaged\":false}"), t);
        assertFalse(r.ok());
        assertEquals("trustline-9.9.tar.gz ships extra.jar, which the ceremony did not run", r.message());
    }

    @Test
    void check_ranFromADeveloperBuild_isRefused() throws Exception {
        DistributionCheck.Result r = DistributionCheck.check(transcript("{\"jars\":[],\"unpackaged\":true}"), tarball("a.jar", "AAA"));
        assertFalse(r.ok());
        assertEquals("the ceremony ran from an unpackaged developer build, not from a release", r.message());
    }

    @Test
    void check_noSoftwareRecorded_isRefused() throws Exception {
        Path t = Files.writeString(dir.resolve("transcript.jsonl"), "{\"seq\":0,\"type\":\"start\",\"payload\":{}}\n");
        DistributionCheck.Result r = DistributionCheck.check(t, tarball("a.jar", "AAA"));
        assertFalse(r.ok());
        assertTrue(r.message().startsWith("the transcript's start entry records no software"), r.message());
    }
}
