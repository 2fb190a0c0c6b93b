package dev.trustline.core.hsm;

import java.nio.file.Path;

/**
 * Where a PIN comes from: {@code file:/path} (the file's first line) or {@code env:NAME} (an
 * environment variable's name). Never the PIN itself, so an HSM file can be shown and committed.
 */
public record PinSource(String reference) {

    public PinSource {
        if (reference == null || !(reference.startsWith("file:") || reference.startsWith("env:"))
                || reference.indexOf(':') == reference.length() - 1) {
            throw new IllegalArgumentException("a PIN reference must be file:PATH or env:NAME");
        }
    }

    public static boolean isValid(String reference) {
        try {
            new PinSource(reference);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Reads the PIN; the caller wipes the returned array. Errors name the reference, never the value. */
    public char[] read(Path baseDir) throws HsmException {
        String target = reference.substring(reference.indexOf(':') + 1);
        if (reference.startsWith("env:")) {
            String value = System.getenv(target);
            if (value == null || value.isEmpty()) {
                throw new HsmException("PIN reference " + reference + ": environment variable is not set");
            }
            return value.toCharArray();
        }
        return readFile(baseDir.resolve(target));
    }

    private char[] readFile(Path file) throws HsmException {
        try {
            return dev.trustline.core.files.SecretFiles.firstLine(file, "PIN reference " + reference);
        } catch (dev.trustline.core.TrustLineException e) {
            throw new HsmException(e.getMessage(), e);
        }
    }
}
