package dev.trustline.ceremony.cli;

import dev.trustline.ceremony.report.CeremonyReport;
import dev.trustline.ceremony.report.ReportModel;
import dev.trustline.core.TrustLineException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The printed record of a ceremony, for the witnesses' and officers' signatures. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print a ceremony transcript as PDF or HTML (cover, every step, exceptions, chain head, sign-off blocks).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TRANSCRIPT", description = "DIR/transcript.jsonl")
    Path transcript;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "report.pdf or report.html (a new file)")
    Path out;

    @Option(names = "--outputs", paramLabel = "DIR", description = "where the outputs are (default: the transcript's folder)")
    Path outputs;

    @Option(names = "--roster", paramLabel = "FILE", description = "an officers.json you hold, for the auditor's check printed in the closing")
    List<Path> rosters = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TrustLineException {
        CeremonyReport.Format format = CeremonyReport.formatOf(out);
        if (format == null) {
            throw new ParameterException(spec.commandLine(), "--out must name a .pdf or .html file: " + out);
        }
        Path dir = outputs != null ? outputs : transcript.toAbsolutePath().getParent();
        ReportModel m = CeremonyReport.write(transcript, dir, rosters, out, format);
        spec.commandLine().getOut().println("wrote " + out + " (" + m.sections().size() + " sections, "
                + m.exceptions().size() + " exceptions, " + m.signatories().size() + " sign-off blocks)");
        return 0;
    }
}
