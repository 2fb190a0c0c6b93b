package dev.trustline.ceremony.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.ceremony.transcript.RunningSoftware;
import dev.trustline.core.x509.Digests;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Which build ran the ceremony: the jars the transcript's start entry recorded ({@code software.jars})
 * must be exactly the ceremony jars of the release tarball ({@code NAME/lib/ceremony/*.jar}), byte for
 * byte (SHA-256). Reads the tarball itself (tar inside gzip), never an unpacked copy.
 */
public final class DistributionCheck {
    private static final String LIB = "/lib/ceremony/";

    private DistributionCheck() {
    }

    /** The outcome: ok, and one line saying what matched or the first difference. */
    public record Result(boolean ok, String message) {
    }

    public static Result check(Path transcript, Path tarball) {
        try {
            JsonNode software = startSoftware(transcript);
            if (software == null) {
                return new Result(false, "the transcript's start entry records no software (made before this check existed)");
            }
            if (software.path("unpackaged").asBoolean()) {
                return new Result(false, "the ceremony ran from an unpackaged developer build, not from a release");
            }
            Map<String, String> recorded = RunningSoftware.jars(software);
            Map<String, String> shipped = ceremonyJars(tarball);
            if (shipped.isEmpty()) {
                return new Result(false, tarball + " holds no lib/ceremony/*.jar: not a TrustLine release tarball");
            }
            for (var e : recorded.entrySet()) {
                String inTar = shipped.get(e.getKey());
                if (inTar == null) {
                    return new Result(false, "the ceremony ran " + e.getKey() + ", which " + tarball.getFileName() + " does not ship");
                }
                if (!inTar.equals(e.getValue())) {
                    return new Result(false, e.getKey() + " differs: the ceremony ran sha256 " + e.getValue() + ", "
                            + tarball.getFileName() + " ships " + inTar);
                }
            }
            for (String name : shipped.keySet()) {
                if (!recorded.containsKey(name)) {
                    return new Result(false, tarball.getFileName() + " ships " + name + ", which the ceremony did not run");
                }
            }
            return new Result(true, "the ceremony ran exactly the " + recorded.size() + " jars of " + tarball.getFileName()
                    + " (sha256 " + Digests.sha256Hex(Files.readAllBytes(tarball)) + ")");
        } catch (IOException e) {
            return new Result(false, "cannot read " + tarball + " or the transcript: " + e.getMessage());
        }
    }

    private static JsonNode startSoftware(Path transcript) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(transcript, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            JsonNode start = first == null ? null : new ObjectMapper().readTree(first);
            if (start == null || !"start".equals(start.path("type").asText())) {
                throw new IOException("the transcript does not begin with a start entry");
            }
            JsonNode software = start.path("payload").path("software");
            return software.isObject() ? software : null;
        }
    }

    /** SHA-256 of each NAME/lib/ceremony/*.jar in a gzip'd tar (ustar or GNU, long names included). */
    static Map<String, String> ceremonyJars(Path tarball) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball))) {
            String longName = null;
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                String prefix = text(header, 345, 155);
                String name = longName != null ? longName : (prefix.isEmpty() ? "" : prefix + "/") + text(header, 0, 100);
                longName = null;
                byte[] body = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if (type == 'L') {
                    longName = new String(body, StandardCharsets.UTF_8).replace("\0", "");
                } else if ((type == '0' || type == '\0') && name.contains(LIB) && name.endsWith(".jar")
                        && name.indexOf('/', name.indexOf(LIB) + LIB.length()) < 0) {
                    out.put(name.substring(name.lastIndexOf('/') + 1), Digests.sha256Hex(body));
                }
            }
        }
        return out;
    }

    private static String text(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }
}
