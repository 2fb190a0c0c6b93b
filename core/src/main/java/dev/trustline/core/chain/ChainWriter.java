package dev.trustline.core.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Appends entries to a chain file, one canonical line each, forced to disk before
 * {@link #append} returns. Holds an exclusive lock on the file while open, so a second writer
 * (in this or another process) is refused. Thread-safe. After a failed write the writer refuses
 * further appends: reopen with {@link #openForAppend} to check what reached the disk.
 */
public final class ChainWriter implements AutoCloseable {

    private final Path path;
    private final Clock clock;
    private final FileChannel channel;
    private long nextSeq;
    private String head;
    private Instant lastTime;
    private String broken;

    private ChainWriter(Path path, Clock clock, FileChannel channel, VerifiedChain existing) {
        this.path = path;
        this.clock = clock;
        this.channel = channel;
        this.nextSeq = existing == null ? 0 : existing.size();
        this.head = existing == null ? ChainEntry.ZERO_HASH : existing.head();
        this.lastTime = existing == null ? Instant.MIN : existing.last().time();
    }

    /**
     * Creates a new, empty chain file; fails if {@code path} exists. The file does not verify
     * until the first entry is appended, so append one at once.
     */
    public static ChainWriter create(Path path, Clock clock) throws ChainException {
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            ChainWriter writer = new ChainWriter(path, clock, lockOrClose(path, channel), null);
            forceDirectoryEntry(path);
            return writer;
        } catch (FileAlreadyExistsException e) {
            throw new ChainException(path + ": already exists; a new chain needs a new file", e);
        } catch (IOException e) {
            throw new ChainException(path + ": cannot create: " + e.getMessage(), e);
        }
    }

    /** {@link #create(Path, Clock)} with the system UTC clock. */
    public static ChainWriter create(Path path) throws ChainException {
        return create(path, Clock.systemUTC());
    }

    /** Opens an existing chain to continue it, after verifying the whole file. */
    public static ChainWriter openForAppend(Path path, Clock clock) throws ChainException {
        FileChannel channel;
        try {
            channel = lockOrClose(path, FileChannel.open(path, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new ChainException(path + ": cannot open for append: " + e.getMessage(), e);
        }
        try {
            return new ChainWriter(path, clock, channel, ChainVerifier.verify(path));
        } catch (ChainException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    /** {@link #openForAppend(Path, Clock)} with the system UTC clock. */
    public static ChainWriter openForAppend(Path path) throws ChainException {
        return openForAppend(path, Clock.systemUTC());
    }

    /**
     * Appends an entry of {@code type} with a copy of {@code payload}, timed by the clock
     * (truncated to milliseconds), and forces it to disk.
     *
     * @throws ChainException if the type or payload is not allowed (e.g. a floating point
     *     number), the clock is behind the last entry, or the write fails
     */
    public synchronized ChainEntry append(String type, ObjectNode payload) throws ChainException {
        if (broken != null) {
            throw new ChainException(nextSeq, "writer for " + path + " is unusable: " + broken);
        }
        ChainEntry entry = newEntry(type, payload);
        write(entry);
        nextSeq++;
        head = entry.hash();
        lastTime = entry.time();
        return entry;
    }

    /** The hash of the last entry, or 64 zeros if none has been written. */
    public synchronized String head() {
        return head;
    }

    /** The sequence number the next entry will get. */
    public synchronized long nextSeq() {
        return nextSeq;
    }

    /** The chain file. */
    public Path path() {
        return path;
    }

    /** Releases the lock and closes the file; appends after this fail. */
    @Override
    public synchronized void close() throws ChainException {
        if (broken == null) {
            broken = "closed";
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new ChainException(path + ": cannot close: " + e.getMessage(), e);
        }
    }

    private ChainEntry newEntry(String type, ObjectNode payload) throws ChainException {
        if (!EntryRules.isType(type)) {
            throw new ChainException(nextSeq, "type must be lower-case kebab-case: " + type);
        }
        Instant time = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (time.isBefore(lastTime)) {
            throw new ChainException(nextSeq, "clock reads " + time
                    + ", before the previous entry's " + lastTime + "; refusing to go backwards");
        }
        try {
            return ChainEntry.create(nextSeq, time, type, payload, head);
        } catch (IllegalArgumentException e) {
            throw new ChainException(nextSeq, e.getMessage());
        }
    }

    private void write(ChainEntry entry) throws ChainException {
        ByteBuffer line = ByteBuffer.wrap(entry.toLine().getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(true);
        } catch (IOException e) {
            broken = "a write failed (" + e.getMessage() + ")";
            throw new ChainException(path + ": entry " + entry.seq() + " may be incomplete on"
                    + " disk: " + e.getMessage(), e);
        }
    }

    /** Makes the new file's directory entry durable where the platform allows (Linux does). */
    private static void forceDirectoryEntry(Path path) {
        Path dir = path.toAbsolutePath().getParent();
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // some platforms cannot open or sync a directory; the first append still syncs the file
        }
    }

    private static FileChannel lockOrClose(Path path, FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return channel;
            }
        } catch (OverlappingFileLockException e) {
            // held by another writer in this JVM: same answer as another process
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw e;
        }
        closeQuietly(channel, null);
        throw new IOException(path + " is locked by another writer");
    }

    private static void closeQuietly(FileChannel channel, Exception primary) {
        try {
            channel.close();
        } catch (IOException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            }
        }
    }
}
