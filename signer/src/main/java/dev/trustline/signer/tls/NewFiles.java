package dev.trustline.signer.tls;

import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes output files new only: temp file, fsync, hard link into place (fails if the name exists). */
public final class NewFiles {
    private NewFiles() {
    }

    public static void write(Path target, byte[] bytes, boolean secret) throws TrustLineException {
        write(target, bytes, secret, true);
    }

    /**
     * {@code durable} false skips the fsync: for many small files that can be fetched again (a
     * device's certificate, replayed by an idempotent batch); the manifest written last is durable.
     */
    public static void write(Path target, byte[] bytes, boolean secret, boolean durable) throws TrustLineException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            if (secret) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(bytes));
                if (durable) {
                    ch.force(true);
                }
            }
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            throw new TrustLineException(target + " already exists; it was not overwritten");
        } catch (IOException | UnsupportedOperationException e) {
            throw new TrustLineException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a leftover hidden temp file is never read
                }
            }
        }
    }

    public static void refuseExisting(Path... targets) throws TrustLineException {
        for (Path t : targets) {
            if (Files.exists(t)) {
                throw new TrustLineException(t + " already exists; outputs are never overwritten");
            }
        }
    }
}
