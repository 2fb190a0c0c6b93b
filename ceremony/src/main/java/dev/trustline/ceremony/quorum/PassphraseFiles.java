package dev.trustline.ceremony.quorum;

import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Non-interactive passphrases for rehearsals and tests: {@code --passphrase-file ID=FILE}, first line. */
public final class PassphraseFiles implements PassphraseSource {
    private final Map<String, Path> files;

    public PassphraseFiles(Map<String, Path> files) {
        this.files = Map.copyOf(files);
    }

    @Override
    public char[] passphrase(String officerId, String purpose) throws TrustLineException {
        Path file = files.get(officerId);
        if (file == null) {
            throw new TrustLineException("no --passphrase-file given for officer '" + officerId + "'");
        }
        byte[] bytes = null;
        try {
            bytes = Files.readAllBytes(file);
            return firstLine(bytes, officerId);
        } catch (IOException e) {
            throw new TrustLineException("cannot read the passphrase file of officer '" + officerId + "' (" + file + ")", e);
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    private static char[] firstLine(byte[] bytes, String officerId) throws TrustLineException {
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        int end = 0;
        while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
            end++;
        }
        char[] out = new char[end];
        chars.get(out);
        Arrays.fill(chars.array(), '\0');
        if (end == 0) {
            throw new TrustLineException("the passphrase file of officer '" + officerId + "' is empty");
        }
        return out;
    }

    @Override
    public char[] newPassphrase(String officerId) throws TrustLineException {
        char[] p = passphrase(officerId, "new card");
        PassphraseStrength.require(officerId, p);
        return p;
    }

    @Override
    public String mode() {
        return "files";
    }
}
