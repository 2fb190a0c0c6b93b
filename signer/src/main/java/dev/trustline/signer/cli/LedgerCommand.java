package dev.trustline.signer.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.chain.PgpWords;
import dev.trustline.core.x509.Pem;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.ledger.ChainCheck;
import dev.trustline.signer.ledger.CheckpointTrust;
import dev.trustline.signer.ledger.ExportReader;
import dev.trustline.signer.ledger.LedgerProblem;
import dev.trustline.signer.ledger.LedgerRow;
import dev.trustline.signer.store.LedgerHead;
import dev.trustline.signer.store.LedgerVerification;
import dev.trustline.signer.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The auditor's view of the issuance ledger: verify it and the registry against each other (and
 * against a checkpoint kept earlier), export it or its last checkpoint, or audit an export
 * offline ({@link LedgerAuditCommand}).
 */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Verify, export or audit the issuance ledger.",
        subcommands = {LedgerCommand.Verify.class, LedgerCommand.Export.class,
                LedgerCommand.Checkpoint.class, LedgerAuditCommand.class})
final class LedgerCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Replay the ledger (chain, entries, checkpoint signatures) and compare every"
                    + " registry row, the head and the quota counters with it; prints OK and the head,"
                    + " or the first row that disagrees and exits 1.")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "signer.yaml") Path config;
        @Option(names = "--checkpoint", paramLabel = "FILE",
                description = "A checkpoint kept earlier (ledger checkpoint): the ledger must still hold it.")
        Path checkpoint;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws TrustLineException {
            SignerConfig c = SignerConfig.load(config);
            CheckpointTrust trust = new CheckpointTrust(Pem.certificate(c.root()));
            LedgerRow kept = checkpoint == null ? null : kept(checkpoint, trust);
            try (Store store = ServeCommand.openStore(c)) {
                LedgerVerification v = kept == null ? store.verifyLedger(trust)
                        : store.verifyLedger(trust, kept);
                if (!v.ok()) {
                    spec.commandLine().getErr().println("FAILED: " + v.problem());
                    return 1;
                }
                var out = spec.commandLine().getOut();
                out.println("OK: " + v.entries() + " ledger entries, chain intact, registry and ledger agree"
                        + (kept == null ? "" : "; holds the kept checkpoint at entry " + kept.seq()));
                out.println("head: " + v.head());
                out.println("words: " + PgpWords.ofHex(v.head()));
                return 0;
            }
        }

        private static LedgerRow kept(Path file, CheckpointTrust trust) throws TrustLineException {
            try {
                LedgerRow row = ExportReader.single(file);
                ChainCheck.checkpointAlone(row, trust);
                return row;
            } catch (IOException e) {
                throw new TrustLineException("cannot read " + file + ": " + e.getMessage(), e);
            } catch (LedgerProblem e) {
                throw new TrustLineException(file + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the ledger as JSON Lines (format: runbooks/signer-store.md; check it offline"
                    + " with ledger audit).")
    static final class Export implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "signer.yaml") Path config;
        @Option(names = "--out", required = true, paramLabel = "LEDGER.jsonl") Path out;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws TrustLineException {
            try (Store store = ServeCommand.openStore(SignerConfig.load(config))) {
                LedgerHead head = store.exportLedger(out);
                spec.commandLine().getOut().println("exported " + head.entries() + " entries to " + out + "; head " + head.hash());
                return 0;
            }
        }
    }

    @Command(name = "checkpoint", mixinStandardHelpOptions = true,
            description = "Write the ledger's last signed checkpoint to a new file, for an auditor to keep"
                    + " (later: ledger verify --checkpoint FILE).")
    static final class Checkpoint implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "signer.yaml") Path config;
        @Option(names = "--out", required = true, paramLabel = "CHECKPOINT.json") Path out;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws TrustLineException {
            try (Store store = ServeCommand.openStore(SignerConfig.load(config))) {
                LedgerRow row = store.lastCheckpoint().orElseThrow(() -> new TrustLineException(
                        "the ledger has no checkpoint yet (the signer writes one at its interval and when it stops)"));
                Files.write(out, row.line().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                spec.commandLine().getOut().println("checkpoint at entry " + row.seq() + " (the ledger's first "
                        + row.seq() + " entries, head " + row.prev() + ") written to " + out);
                return 0;
            } catch (FileAlreadyExistsException e) {
                throw new TrustLineException(out + " already exists; checkpoint needs a new file");
            } catch (IOException e) {
                throw new TrustLineException("cannot write " + out + ": " + e.getMessage(), e);
            }
        }
    }
}
