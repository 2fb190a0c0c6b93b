package dev.trustline.station.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.station.provision.Provisioner;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Several jigs at once, one thread each, one progress line per jig (redrawn in place at a terminal,
 * one line per change otherwise), then a summary. Each device has its own job record, as with provision.
 */
@Command(name = "provision-many", mixinStandardHelpOptions = true,
        description = "Provision the devices on several jigs in parallel. Exit 0 when all are provisioned, 4 when any failed.")
final class ProvisionManyCommand implements Callable<Integer> {
    @Option(names = "--jig", required = true, paramLabel = "SCANNED_ID=DEVICE",
            description = "a scanned ID and its jig's device address, e.g. GW0000000018=tcp://10.0.0.7:7001 (repeat per jig)")
    List<String> jigs;
    @Option(names = "--ansi-progress", description = "redraw the progress lines in place (default: only at a terminal)") Boolean ansi;
    @Mixin LineOptions line;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LineOptions.Connection c = line.connect();
        List<Provisioner> runs = new ArrayList<>();
        Progress progress = new Progress(spec.commandLine().getOut(), jigs.size(), ansi != null ? ansi : System.console() != null);
        for (int i = 0; i < jigs.size(); i++) {
            String[] kv = split(jigs.get(i));
            int row = i;
            runs.add(new Provisioner(line.settings(kv[0], kv[1], c.station()), c.client(), s -> progress.update(row, s)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(runs.size(), 16));
        try {
            List<Future<Provisioner.Outcome>> futures = new ArrayList<>();
            runs.forEach(r -> futures.add(pool.submit(r::run)));
            int failed = 0;
            PrintWriter out = spec.commandLine().getOut();
            List<String> summary = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                Provisioner.Outcome o = outcome(futures.get(i), jigs.get(i));
                failed += o.provisioned() ? 0 : 1;
                summary.add(o.deviceId() + ": " + (o.provisioned() ? "provisioned" : "FAILED at " + o.step() + " (" + o.code() + ")"));
            }
            progress.finish();
            summary.forEach(out::println);
            out.println((runs.size() - failed) + " of " + runs.size() + " devices provisioned; job records in " + line.jobs);
            return failed == 0 ? 0 : 4;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Provisioner.Outcome outcome(Future<Provisioner.Outcome> f, String jig) throws TrustLineException, InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            String why = e.getCause() instanceof TrustLineException t ? t.getMessage() : String.valueOf(e.getCause());
            throw new TrustLineException("jig " + jig + ": " + why);
        }
    }

    private static String[] split(String jig) throws TrustLineException {
        int eq = jig.indexOf('=');
        if (eq <= 0 || eq == jig.length() - 1) {
            throw new TrustLineException("--jig " + jig + ": expected SCANNED_ID=DEVICE");
        }
        return new String[] {jig.substring(0, eq), jig.substring(eq + 1)};
    }

    /** One line per jig: in place with ANSI cursor moves at a terminal, else printed on each change. */
    private static final class Progress {
        private final PrintWriter out;
        private final String[] lines;
        private final boolean ansi;

        Progress(PrintWriter out, int n, boolean ansi) {
            this.out = out;
            this.lines = new String[n];
            this.ansi = ansi;
            java.util.Arrays.fill(lines, "waiting");
            if (ansi) {
                for (int i = 0; i < n; i++) {
                    out.println("jig " + (i + 1) + ": waiting");
                }
                out.flush();
            }
        }

        synchronized void update(int row, String text) {
            lines[row] = text;
            if (!ansi) {
                out.println("jig " + (row + 1) + ": " + text);
            } else {
                int up = lines.length - row;
                out.print("\u001b[" + up + "A\r\u001b[2K" + "jig " + (row + 1) + ": " + text + "\u001b[" + up + "B\r");
            }
            out.flush();
        }

        synchronized void finish() {
            out.flush();
        }
    }
}
