package dev.trustline.core.quorum;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.files.NewFiles;
import java.nio.file.Path;

/** Quorum files (cards, rosters) through the shared create-new-only writer, with quorum errors. */
final class SafeFiles {
    static final int MAX_READ_BYTES = NewFiles.MAX_READ_BYTES;

    private SafeFiles() {
    }

    static void writeNew(Path target, byte[] bytes, String permissions, String what) throws QuorumException {
        try {
            NewFiles.writeNew(target, bytes, permissions, what);
        } catch (TrustLineException e) {
            throw new QuorumException(e.getMessage(), e);
        }
    }

    static byte[] readSmall(Path file, String what) throws QuorumException {
        try {
            return NewFiles.readSmall(file, what);
        } catch (TrustLineException e) {
            throw new QuorumException(e.getMessage(), e);
        }
    }
}
