package dev.trustline.signer.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.files.SecretFiles;
import java.io.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The officers present with their cards (unseal, keygen on a token under quorum); passphrases by masked prompt. */
final class OfficerCards {
    @Option(names = "--card", paramLabel = "FILE", description = "an officer's card (repeat for each officer present)")
    List<Path> cards = new ArrayList<>();

    @Option(names = "--passphrase-file", paramLabel = "ID=FILE",
            description = "tests and rehearsals only: read officer ID's passphrase from FILE instead of a masked prompt")
    Map<String, Path> passphraseFiles = new LinkedHashMap<>();

    List<Path> cards() throws TrustLineException {
        if (cards.isEmpty()) {
            throw new TrustLineException("give each present officer's card with --card FILE");
        }
        return cards;
    }

    /** The officer's passphrase from their file, else typed at the terminal (masked); the caller wipes it. */
    char[] passphrase(String officer) throws TrustLineException {
        Path file = passphraseFiles.get(officer);
        if (file != null) {
            return SecretFiles.firstLine(file, "passphrase file of officer " + officer);
        }
        Console console = System.console();
        if (console == null) {
            throw new TrustLineException("no terminal for officer " + officer + "'s passphrase (give --passphrase-file only in tests)");
        }
        char[] typed = console.readPassword("officer %s, passphrase for your card: ", officer);
        if (typed == null) {
            throw new TrustLineException("no passphrase for officer " + officer);
        }
        return typed;
    }
}
