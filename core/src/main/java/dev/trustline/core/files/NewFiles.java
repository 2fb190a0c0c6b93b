package dev.trustline.core.files;

import dev.trustline.core.TrustLineException;
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
 * hard links (FAT media) the temporary file is moved into place without replacing. A crash leaves
 * either no target or the whole target, never half of it. Used for every output TrustLine writes:
 * ceremony outputs, officer cards and rosters, CSRs, key stores, device certificates, manifests.
 */
public final class NewFiles {
    public static final int MAX_READ_BYTES = 1 << 20;

    private NewFiles() {
    }

    /** Owner-only permissions, for files that hold secrets (key stores, cards). */
    public static final String SECRET = "rw-------";
    /** Ordinary output permissions. */
    public static final String PUBLIC = "rw-r--r--";

    /** Writes a new file durably; fails if {@code target} exists. {@code what} names it in errors. */
    public static void writeNew(Path target, byte[] bytes, String permissions, String what) throws TrustLineException {
        writeNew(target, bytes, permissions, what, true);
    }

    /**
     * {@code durable} false is for many small files that can be fetched again (a device's certificate, replayed by
     * an idempotent batch): the file is created in place with O_EXCL (never overwriting), its permissions set before
     * any byte is written, no temporary file and no fsync. A crash may then leave a partial file, which the caller
     * must detect and replace (the factory client's resume compares every file with the replayed certificate).
     */
    public static void writeNew(Path target, byte[] bytes, String permissions, String what, boolean durable)
            throws TrustLineException {
        if (!durable) {
            writeInPlace(target, bytes, permissions, what);
            return;
        }
        Path dir = target.toAbsolutePath().getParent();
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new TrustLineException(what + " " + target + " already exists: refusing to overwrite it");
        }
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            setPermissions(temp, permissions);
            writeAndSync(temp, bytes, durable);
            linkIntoPlace(temp, target, what);
            if (durable) {
                syncDirectory(dir);
            }
        } catch (IOException e) {
            throw new TrustLineException("cannot write " + what + " " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void writeInPlace(Path target, byte[] bytes, String permissions, String what) throws TrustLineException {
        boolean created = false;
        Set<PosixFilePermission> mode = posix(target) ? PosixFilePermissions.fromString(permissions) : null;
        try {
            FileChannel open;
            try {
                open = create(target, mode);
            } catch (java.nio.file.NoSuchFileException e) {
                Files.createDirectories(target.toAbsolutePath().getParent());
                open = create(target, mode);
            }
            try (FileChannel channel = open) {
                created = true;
                if (mode == null || !modeKept(target, permissions, mode)) {
                    setPermissions(target, permissions);
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw new TrustLineException(what + " " + target + " already exists: refusing to overwrite it");
        } catch (IOException e) {
            if (created) {
                deleteQuietly(target); // nothing half-written stays behind an error we saw
            }
            throw new TrustLineException("cannot write " + what + " " + target + ": " + e.getMessage(), e);
        }
    }

    /** O_CREAT | O_EXCL with the mode given to open(2) itself, so no byte is ever readable under a wider mode. */
    private static FileChannel create(Path target, Set<PosixFilePermission> mode) throws IOException {
        Set<StandardOpenOption> options = java.util.EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return mode == null ? FileChannel.open(target, options)
                : FileChannel.open(target, options, PosixFilePermissions.asFileAttribute(mode));
    }

    /** Directory + permissions whose first file came out of open(2) with exactly that mode (not narrowed by umask or a default ACL). */
    private static final java.util.Map<String, Boolean> MODE_KEPT = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Whether files created in {@code file}'s directory get {@code mode} from open(2) as asked: checked on the first
     * file (the umask is the process's and does not change); where they do not, each file is chmod-ed as before.
     */
    private static boolean modeKept(Path file, String permissions, Set<PosixFilePermission> mode) throws IOException {
        String key = file.toAbsolutePath().getParent() + "\0" + permissions;
        Boolean kept = MODE_KEPT.get(key);
        if (kept == null) {
            kept = Files.getPosixFilePermissions(file).equals(mode);
            MODE_KEPT.put(key, kept);
        }
        return kept;
    }

    private static boolean posix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void linkIntoPlace(Path temp, Path target, String what) throws IOException, TrustLineException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw new TrustLineException(what + " " + target + " already exists: refusing to overwrite it");
        } catch (UnsupportedOperationException | IOException e) {
            moveWithoutReplacing(temp, target, what);
        }
    }

    private static void moveWithoutReplacing(Path temp, Path target, String what) throws IOException, TrustLineException {
        try {
            Files.move(temp, target);
        } catch (FileAlreadyExistsException e) {
            throw new TrustLineException(what + " " + target + " already exists: refusing to overwrite it");
        }
    }

    /** Refuses to go on when any of {@code targets} exists (check before touching an HSM). */
    public static void refuseExisting(Path... targets) throws TrustLineException {
        for (Path t : targets) {
            if (Files.exists(t, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new TrustLineException(t + " already exists; outputs are never overwritten");
            }
        }
    }

    private static void writeAndSync(Path file, byte[] bytes, boolean durable) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (durable) {
                channel.force(true);
            }
        }
    }

    /**
     * Best effort: the temporary file is already owner-only where POSIX applies; removable media
     * (FAT, exFAT) may refuse chmod, and a card is sealed anyway.
     */
    private static void setPermissions(Path file, String permissions) {
        try {
            // the file system's views, not Files.getFileStore (which reads the mount table on every call)
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
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
    public static byte[] readSmall(Path file, String what) throws TrustLineException {
        try {
            if (Files.size(file) > MAX_READ_BYTES) {
                throw new TrustLineException(what + " " + file + " is larger than " + MAX_READ_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TrustLineException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
