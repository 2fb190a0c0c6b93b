package dev.trustline.signer.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.chain.PgpWords;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.store.LedgerHead;
import dev.trustline.signer.store.LedgerVerification;
import dev.trustline.signer.store.Store;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The auditor's view of the issuance ledger: verify it end to end against the registry, or export it. */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "Verify or export the issuance ledger.",
        subcommands = {LedgerCommand.Verify.class, LedgerCommand.Export.class})
final class LedgerCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the ledger's hash chain and that it and the device registry agree; prints OK and the head.")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "signer.yaml") Path config;
        @Option(names = "--json", description = "print the result as one JSON object on standard output (same exit code)") boolean json;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws TrustLineException {
            try (Store store = ServeCommand.openStore(SignerConfig.load(config))) {
                LedgerVerification v = store.verifyLedger();
                if (json) {
                    var o = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("ok", v.ok()).put("entries", v.entries());
                    if (v.ok()) {
                        o.put("head", v.head()).put("words", PgpWords.ofHex(v.head()));
                    } else {
                        o.put("bad_seq", v.badSeq()).put("problem", v.problem());
                    }
                    spec.commandLine().getOut().println(o);
                    return v.ok() ? 0 : 1;
                }
                if (!v.ok()) {
                    spec.commandLine().getErr().println("FAILED: ledger entry " + v.badSeq() + ": " + v.problem());
                    return 1;
                }
                var out = spec.commandLine().getOut();
                out.println("OK: " + v.entries() + " ledger entries, chain intact, registry and ledger agree");
                out.println("head: " + v.head());
                out.println("words: " + PgpWords.ofHex(v.head()));
                return 0;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the ledger as JSON Lines in the transcript format (check it with jq, see runbooks/transcript-format.md).")
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
}
