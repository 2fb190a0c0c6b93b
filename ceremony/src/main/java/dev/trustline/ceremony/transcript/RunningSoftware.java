package dev.trustline.ceremony.transcript;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.x509.Digests;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which build is running: the SHA-256 of every jar on the class path (in a release, lib/ceremony/*),
 * recorded in the transcript's start entry as {@code software}, so an auditor can check it against the
 * release tarball ({@code ceremony verify --distribution}). A run from unpackaged classes (a developer
 * build) says so ({@code unpackaged: true}) and can never match a tarball.
 */
public final class RunningSoftware {
    private RunningSoftware() {
    }

    /** {"jars": [{"file", "sha256"}...] sorted by file name, "unpackaged": bool}. */
    public static ObjectNode describe() {
        return describe(System.getProperty("java.class.path", ""));
    }

    static ObjectNode describe(String classPath) {
        Map<String, String> jars = new TreeMap<>();
        boolean unpackaged = false;
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                jars.put(p.getFileName().toString(), sha256(p));
            } else if (!entry.isEmpty() && Files.isDirectory(p)) {
                unpackaged = true;
            }
        }
        ObjectNode o = Transcript.payload();
        ArrayNode list = o.putArray("jars");
        jars.forEach((name, sha) -> list.addObject().put("file", name).put("sha256", sha));
        o.put("unpackaged", unpackaged);
        return o;
    }

    /** The recorded jars (file name -> SHA-256) of a start entry's {@code software} node. */
    public static Map<String, String> jars(com.fasterxml.jackson.databind.JsonNode software) {
        Map<String, String> out = new TreeMap<>();
        software.path("jars").forEach(j -> out.put(j.path("file").asText(), j.path("sha256").asText()));
        return out;
    }

    private static String sha256(Path jar) {
        try {
            return Digests.sha256Hex(Files.readAllBytes(jar));
        } catch (IOException e) {
            return "unreadable: " + e.getClass().getSimpleName();
        }
    }

    /** The jar names, for messages. */
    public static List<String> names(Map<String, String> jars) {
        return new ArrayList<>(jars.keySet());
    }
}
