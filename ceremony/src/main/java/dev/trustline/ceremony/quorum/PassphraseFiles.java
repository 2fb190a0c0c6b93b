package dev.trustline.ceremony.quorum;

import dev.trustline.core.TrustLineException;
import java.nio.file.Path;
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
        return dev.trustline.core.files.SecretFiles.firstLine(file, "the passphrase file of officer '" + officerId + "'");
    }

    @Override
    public char[] newPassphrase(String officerId) throws TrustLineException {
        char[] p = passphrase(officerId, "new card");
        try {
            PassphraseStrength.require(officerId, p);
            return p;
        } catch (TrustLineException e) {
            PassphraseStrength.wipe(p);
            throw e;
        }
    }

    @Override
    public String mode() {
        return "files";
    }
}
