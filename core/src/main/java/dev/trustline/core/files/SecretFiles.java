package dev.trustline.core.files;

import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a secret (PIN, passphrase, password) from the first line of a file, wiping every buffer it
 * used. Errors name {@code what} and the file, never the content. The caller wipes the result.
 */
public final class SecretFiles {
    private SecretFiles() {
    }

    public static char[] firstLine(Path file, String what) throws TrustLineException {
        byte[] bytes = null;
        try {
            bytes = Files.readAllBytes(file);
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
            int end = 0;
            while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
                end++;
            }
            char[] line = new char[end];
            chars.get(line);
            Arrays.fill(chars.array(), '\0');
            if (end == 0) {
                throw new TrustLineException(what + ": " + file + " is empty");
            }
            return line;
        } catch (IOException e) {
            throw new TrustLineException(what + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }
}
