package dev.trustline.ceremony.cli;

import dev.trustline.ceremony.verify.AuditResult;
import dev.trustline.ceremony.verify.DistributionCheck;
import dev.trustline.ceremony.verify.TranscriptAuditor;
import dev.trustline.core.chain.PgpWords;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The auditor's check: needs only the transcript and the outputs, never an HSM. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a ceremony transcript: hash chain, output files, re-parsed certificates, re-run lints.")
final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TRANSCRIPT", description = "DIR/transcript.jsonl")
    Path transcript;

    @Option(names = "--outputs", paramLabel = "DIR", description = "where the outputs are (default: the transcript's folder)")
    Path outputs;

    @Option(names = "--roster", paramLabel = "FILE",
            description = "an officers.json you hold (repeat for each token under quorum); each must guard a token of the transcript")
    java.util.List<Path> rosters = new java.util.ArrayList<>();

    @Option(names = "--json", description = "print the result as one JSON object on standard output (same exit code)")
    boolean json;

    @Option(names = "--distribution", paramLabel = "TARBALL",
            description = "also check that the ceremony ran exactly the jars of this release tarball (trustline-VERSION.tar.gz)")
    Path distribution;

    @Option(names = "--no-roster", description = "hold no roster files: take the officers' keys from the transcript itself (said in the OK line)")
    boolean noRoster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        if (rosters.isEmpty() == !noRoster) {
            err.println(noRoster ? "error: give either --roster or --no-roster, not both"
                    : "error: give --roster officers.json for each token under quorum (the rosters you hold), or --no-roster"
                    + " to take the officers' keys from the transcript itself");
            return 2;
        }
        Path dir = outputs != null ? outputs : transcript.toAbsolutePath().getParent();
        AuditResult r = new TranscriptAuditor(transcript, dir, rosters).audit();
        DistributionCheck.Result d = distribution == null || !r.ok() ? null : DistributionCheck.check(transcript, distribution);
        boolean ok = r.ok() && (d == null || d.ok());
        if (json) {
            var o = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("ok", ok).put("message", r.message())
                    .put("transcript", transcript.toString());
            if (r.chainHead() != null) {
                o.put("chain_head", r.chainHead()).put("words", PgpWords.ofHex(r.chainHead()));
            }
            if (d != null) {
                o.putObject("distribution").put("ok", d.ok()).put("tarball", distribution.toString()).put("message", d.message());
            }
            spec.commandLine().getOut().println(o);
            return ok ? 0 : 1;
        }
        if (!r.ok()) {
            err.println("FAILED: " + r.message());
            return 1;
        }
        if (d != null && !d.ok()) {
            err.println("FAILED: distribution: " + d.message() + " (the transcript itself: " + r.message() + ")");
            return 1;
        }
        var out = spec.commandLine().getOut();
        out.println(r.message());
        if (r.chainHead() != null) {
            out.println("chain head: " + r.chainHead());
            out.println("     words: " + PgpWords.ofHex(r.chainHead()));
        }
        if (d != null) {
            out.println("distribution: " + d.message());
        }
        return 0;
    }
}
