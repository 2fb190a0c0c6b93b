package dev.trustline.signer.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.PinSource;
import dev.trustline.signer.client.BatchClient;
import dev.trustline.signer.client.BatchFile;
import dev.trustline.signer.client.InFlight;
import dev.trustline.signer.client.ResultWriter;
import dev.trustline.signer.client.StationTls;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The factory side: send a batch file in chunks, show progress, retry safely, write certificates and a manifest. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit a batch of device CSRs (JSON lines) to the signer and write DEVICE_ID.crt, chain.pem and manifest.jsonl.")
final class SubmitCommand implements Callable<Integer> {
    @Option(names = "--url", required = true, paramLabel = "URL", description = "the signer, e.g. https://signer.factory:8443") URI url;
    @Option(names = "--station-cert", required = true, paramLabel = "STATION.p12") Path stationCert;
    @Option(names = "--password", defaultValue = "env:TRUSTLINE_STATION_PASSWORD", paramLabel = "file:PATH|env:NAME",
            description = "the PKCS#12 password reference (default: ${DEFAULT-VALUE})") String password;
    @Option(names = "--trust", required = true, paramLabel = "PEM", description = "certificates that identify the signer (the root, or the station CA chain)") Path trust;
    @Option(names = "--batch", required = true, paramLabel = "BATCH.jsonl") Path batch;
    @Option(names = "--policy", required = true, paramLabel = "ID") String policy;
    @Option(names = "--batch-id", paramLabel = "ID", description = "default: derived from the batch file's SHA-256, so a re-run is a safe retry") String batchId;
    @Option(names = "--chunk", defaultValue = "500", paramLabel = "N", description = "lines per request (default: ${DEFAULT-VALUE})") int chunk;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
    @Option(names = "--in-flight", defaultValue = "2", paramLabel = "N",
            description = "requests outstanding at once, so the signer signs one chunk while it commits another (default: ${DEFAULT-VALUE})") int inFlight;
    @Option(names = "--attempts", defaultValue = "8", hidden = true) int attempts;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws TrustLineException {
        if (chunk < 1 || inFlight < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--chunk and --in-flight must be at least 1");
        }
        try (BatchFile file = BatchFile.open(batch)) {
            String base = batchId != null ? batchId : "b-" + (policyHash().substring(0, 8) + file.sha256()).substring(0, 24);
            char[] pw = new PinSource(password).read(Path.of("."));
            BatchClient client;
            try {
                client = new BatchClient(url, StationTls.fromFiles(stationCert, pw, trust), attempts);
                client.onRetry(spec.commandLine().getErr()::println);
            } finally {
                Arrays.fill(pw, '\0');
            }
            ResultWriter writer = new ResultWriter(out, base + " policy=" + policy + " chunk=" + chunk);
            if (writer.resuming()) {
                spec.commandLine().getErr().println("resuming the run of batch " + base + " in " + out
                        + ": finished certificates are kept, the rest fetched again through the same batch ids");
            }
            long started = System.nanoTime();
            int[] total = send(file, base, client, writer);
            writer.finish();
            spec.commandLine().getErr().println();
            double seconds = (System.nanoTime() - started) / 1e9;
            spec.commandLine().getOut().println("issued " + total[0] + ", refused " + total[1] + ", still rate-limited " + total[2]
                    + "; certificates, chain.pem and manifest.jsonl in " + out);
            spec.commandLine().getOut().printf("%d lines in %.2f s over HTTPS: %.0f devices/s (durably recorded before each response)%n",
                    file.lines(), seconds, file.lines() / seconds);
            return total[1] + total[2] == 0 ? 0 : 3;
        }
    }

    /** SHA-256 of the policy id with the JDK's digest (the client loads no native library for one hash). */
    private String policyHash() {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest((policy + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Streams the file in chunks with up to --in-flight requests outstanding; results are written in chunk order. */
    private int[] send(BatchFile file, String base, BatchClient client, ResultWriter writer) throws TrustLineException {
        int[] total = new int[3];
        int[] done = new int[1];
        try (InFlight window = new InFlight(client, inFlight)) {
            int n = 0;
            for (List<String> part = file.next(chunk); !part.isEmpty(); part = file.next(chunk), n++) {
                record(window.send(base + "-" + n, policy, part), writer, total, done, file.lines());
            }
            for (InFlight.Done d = window.take(); d != null; d = window.take()) {
                record(d, writer, total, done, file.lines());
            }
        }
        return total;
    }

    private void record(InFlight.Done d, ResultWriter writer, int[] total, int[] done, int lines) throws TrustLineException {
        if (d == null) {
            return;
        }
        int[] c = writer.add(d.response(), d.batchId());
        for (int k = 0; k < 3; k++) {
            total[k] += c[k];
        }
        done[0] += d.lines();
        progress(spec.commandLine().getErr(), done[0], lines);
    }

    private static void progress(PrintWriter err, int done, int total) {
        int width = 40;
        int filled = (int) ((long) done * width / total);
        err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
        err.flush();
    }
}
