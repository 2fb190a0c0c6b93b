package dev.trustline.core.quorum;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Create-new-only file writes: the bytes go to a temporary file in the target's directory, are
 * fsynced, then linked into place (which fails if the target exists). On file systems without
 * hard links (FAT media) the temporary file is moved into place without replacing.
 */
final class SafeFiles {
    static final int MAX_READ_BYTES = 1 << 20;

    private SafeFiles() {
    }

    static void writeNew(Path target, byte[] bytes, String permissions, String what) throws QuorumException {
        Path dir = target.toAbsolutePath().getParent();
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new QuorumException(what + " " + target + " already exists: refusing to overwrite it");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            setPermissions(temp, permissions);
            writeAndSync(temp, bytes);
            linkIntoPlace(temp, target, what);
            syncDirectory(dir);
        } catch (IOException e) {
            throw new QuorumException("cannot write " + what + " " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void linkIntoPlace(Path temp, Path target, String what) throws IOException, QuorumException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw new QuorumException(what + " " + target + " already exists: refusing to overwrite it");
        } catch (UnsupportedOperationException | IOException e) {
            moveWithoutReplacing(temp, target, what);
        }
    }

    private static void moveWithoutReplacing(Path temp, Path target, String what) throws IOException, QuorumException {
        try {
            Files.move(temp, target);
        } catch (FileAlreadyExistsException e) {
            throw new QuorumException(what + " " + target + " already exists: refusing to overwrite it");
        }
    }

    private static void writeAndSync(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Best effort: the temporary file is already owner-only where POSIX applies; removable media
     * (FAT, exFAT) may refuse chmod, and a card is sealed anyway.
     */
    private static void setPermissions(Path file, String permissions) {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> perms = PosixFilePermissions.fromString(permissions);
                Files.setPosixFilePermissions(file, perms);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // keep the default permissions of the temporary file
        }
    }

    /** Best effort: some platforms cannot open a directory for fsync. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // the link itself succeeded; a directory fsync is not possible everywhere
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // leftover temporary file: harmless, it holds the same bytes as the target
        }
    }

    /** Reads a small file; {@code what} names it in errors. */
    static byte[] readSmall(Path file, String what) throws QuorumException {
        try {
            if (Files.size(file) > MAX_READ_BYTES) {
                throw new QuorumException(what + " " + file + " is larger than " + MAX_READ_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new QuorumException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
