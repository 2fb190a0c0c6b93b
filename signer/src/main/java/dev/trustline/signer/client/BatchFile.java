package dev.trustline.signer.client;

import dev.trustline.core.TrustLineException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A batch file read as a stream: one pass for its SHA-256 and line count (the default batch id and the progress
 * bar), then chunks of non-blank lines read as they are sent, so a client holds only the chunks in flight.
 */
public final class BatchFile implements AutoCloseable {
    private final Path file;
    private final String sha256;
    private final int lines;
    private BufferedReader reader;

    private BatchFile(Path file, String sha256, int lines) {
        this.file = file;
        this.sha256 = sha256;
        this.lines = lines;
    }

    public static BatchFile open(Path file) throws TrustLineException {
        try (InputStream raw = Files.newInputStream(file);
             DigestInputStream in = new DigestInputStream(raw, MessageDigest.getInstance("SHA-256"));
             BufferedReader r = new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            int count = 0;
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                count += l.isBlank() ? 0 : 1;
            }
            if (count == 0) {
                throw new TrustLineException(file + " has no device lines");
            }
            return new BatchFile(file, HexFormat.of().formatHex(in.getMessageDigest().digest()), count);
        } catch (IOException e) {
            throw new TrustLineException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 (hex) of the file's bytes. */
    public String sha256() {
        return sha256;
    }

    /** Non-blank lines. */
    public int lines() {
        return lines;
    }

    /** The next up to {@code size} non-blank lines; empty at the end. */
    public List<String> next(int size) throws TrustLineException {
        try {
            if (reader == null) {
                reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            }
            List<String> chunk = new ArrayList<>(size);
            while (chunk.size() < size) {
                String l = reader.readLine();
                if (l == null) {
                    break;
                }
                if (!l.isBlank()) {
                    chunk.add(l);
                }
            }
            return chunk;
        } catch (IOException e) {
            throw new TrustLineException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (reader != null) {
                reader.close();
            }
        } catch (IOException e) {
            // read-only
        }
    }
}
