package dev.trustline.signer.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.chain.PgpWords;
import dev.trustline.core.x509.Pem;
import dev.trustline.signer.ledger.LedgerAuditor;
import dev.trustline.signer.ledger.LedgerProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ledger audit EXPORT --trust root.pem}: the offline audit, no database, no HSM. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Audit an exported ledger offline: chain, entries, checkpoint signatures up to the root,"
                + " every certificate's signature, fingerprint and device ID; prints totals per policy,"
                + " station, operator and UTC day. Exits 1 at the first problem.")
final class LedgerAuditCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXPORT") Path export;
    @Option(names = "--trust", required = true, paramLabel = "root.pem") Path trust;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws TrustLineException {
        LedgerAuditor.Report report;
        try {
            report = new LedgerAuditor(export, Pem.certificate(trust)).run();
        } catch (IOException e) {
            throw new TrustLineException("cannot read " + export + ": " + e.getMessage(), e);
        } catch (LedgerProblem e) {
            spec.commandLine().getErr().println("FAILED: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("OK: " + report.entries() + " entries, " + report.checkpoints() + " checkpoints (the last"
                + " signed by " + report.last().signer() + " at " + report.last().time() + "), "
                + report.certificates() + " certificates verified");
        out.println("head: " + report.head());
        out.println("words: " + PgpWords.ofHex(report.head()));
        for (Map.Entry<String, Map<String, LedgerAuditor.Count>> kind : report.totals().entrySet()) {
            for (Map.Entry<String, LedgerAuditor.Count> e : kind.getValue().entrySet()) {
                out.println(kind.getKey() + " " + e.getKey() + ": issued " + e.getValue().issued()
                        + ", refused " + e.getValue().refused());
            }
        }
        return 0;
    }
}
