package dev.trustline.ceremony.transcript;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.chain.ChainException;
import dev.trustline.core.chain.ChainWriter;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The ceremony transcript: a hash-chained JSON Lines log (format in runbooks/transcript-format.md).
 * Every entry is forced to disk before the ceremony goes on, so a crash leaves a valid prefix.
 * Payloads hold hashes, names and evidence — never a PIN, passphrase or key.
 */
public final class Transcript implements AutoCloseable {
    private final ChainWriter writer;

    private Transcript(ChainWriter writer) {
        this.writer = writer;
    }

    public static Transcript create(Path file, Clock clock) throws ChainException {
        return new Transcript(ChainWriter.create(file, clock));
    }

    public static ObjectNode payload() {
        return JsonNodeFactory.instance.objectNode();
    }

    public void append(String type, ObjectNode payload) throws ChainException {
        writer.append(type, payload);
    }

    /** The hash of the last entry: the chain head to write on the paper log. */
    public String head() {
        return writer.head();
    }

    public Path path() {
        return writer.path();
    }

    @Override
    public void close() throws ChainException {
        writer.close();
    }
}
