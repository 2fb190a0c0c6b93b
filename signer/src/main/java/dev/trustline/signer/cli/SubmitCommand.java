package dev.trustline.signer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.PinSource;
import dev.trustline.core.x509.Digests;
import dev.trustline.signer.client.BatchClient;
import dev.trustline.signer.client.ResultWriter;
import dev.trustline.signer.client.StationTls;
import dev.trustline.core.x509.Pem;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    @Option(names = "--attempts", defaultValue = "8", hidden = true) int attempts;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws TrustLineException {
        List<String> lines = readLines();
        String base = batchId != null ? batchId : "b-" + fileHash().substring(0, 24);
        char[] pw = new PinSource(password).read(Path.of("."));
        BatchClient client;
        try {
            client = new BatchClient(url, StationTls.context(stationCert, pw, Pem.certificates(trust)), attempts);
            client.onRetry(spec.commandLine().getErr()::println);
        } finally {
            Arrays.fill(pw, '\0');
        }
        ResultWriter writer = new ResultWriter(out, base + " policy=" + policy + " chunk=" + chunk);
        if (writer.resuming()) {
            spec.commandLine().getErr().println("resuming the run of batch " + base + " in " + out
                    + ": finished certificates are kept, the rest fetched again through the same batch ids");
        }
        int[] total = new int[3];
        long started = System.nanoTime();
        PrintWriter err = spec.commandLine().getErr();
        for (int i = 0, n = 0; i < lines.size(); i += chunk, n++) {
            List<String> part = lines.subList(i, Math.min(lines.size(), i + chunk));
            JsonNode response = client.send(base + "-" + n, policy, part);
            int[] c = writer.add(response, base + "-" + n);
            for (int k = 0; k < 3; k++) {
                total[k] += c[k];
            }
            progress(err, Math.min(lines.size(), i + chunk), lines.size());
        }
        writer.finish();
        err.println();
        double seconds = (System.nanoTime() - started) / 1e9;
        spec.commandLine().getOut().println("issued " + total[0] + ", refused " + total[1] + ", still rate-limited " + total[2]
                + "; certificates, chain.pem and manifest.jsonl in " + out);
        spec.commandLine().getOut().printf("%d lines in %.2f s over HTTPS: %.0f devices/s (durably recorded before each response)%n",
                lines.size(), seconds, lines.size() / seconds);
        return total[1] + total[2] == 0 ? 0 : 3;
    }

    private List<String> readLines() throws TrustLineException {
        try {
            List<String> lines = new ArrayList<>();
            for (String l : Files.readAllLines(batch)) {
                if (!l.isBlank()) {
                    lines.add(l);
                }
            }
            if (lines.isEmpty()) {
                throw new TrustLineException(batch + " has no device lines");
            }
            return lines;
        } catch (IOException e) {
            throw new TrustLineException("cannot read " + batch + ": " + e.getMessage(), e);
        }
    }

    private String fileHash() throws TrustLineException {
        try {
            return Digests.sha256Hex((policy + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)) .substring(0, 8)
                    + Digests.sha256Hex(Files.readAllBytes(batch));
        } catch (IOException e) {
            throw new TrustLineException("cannot read " + batch, e);
        }
    }

    private static void progress(PrintWriter err, int done, int total) {
        int width = 40;
        int filled = (int) ((long) done * width / total);
        err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
        err.flush();
    }
}
