package dev.trustline.signer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's client for {@code cfssl serve} (bin/bench): posts every CSR of a batch file (the same JSON
 * lines {@code bin/signer submit} sends) to /api/v1/cfssl/sign over keep-alive HTTP/1.1 with a few requests in
 * flight, and writes each certificate to DEVICE_ID.crt, as submit does. Not part of the signer.
 *
 * <pre>java -cp ... dev.trustline.signer.bench.CfsslLoad URL BATCH.jsonl OUT_DIR [CONCURRENCY]</pre>
 */
public final class CfsslLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CfsslLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: CfsslLoad URL BATCH.jsonl OUT_DIR [CONCURRENCY]");
            System.exit(2);
        }
        URI sign = URI.create(args[0]).resolve("/api/v1/cfssl/sign");
        List<String> lines = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank()).toList();
        Path out = Files.createDirectories(Path.of(args[2]));
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < lines.size(); i = next.getAndIncrement()) {
                        if (!signOne(http, sign, lines.get(i), out)) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println((lines.size() - failed.get()) + " issued, " + failed.get() + " failed");
        System.exit(failed.get() == 0 ? 0 : 1);
    }

    private static boolean signOne(HttpClient http, URI sign, String line, Path out) throws IOException, InterruptedException {
        JsonNode device = JSON.readTree(line);
        String body = JSON.createObjectNode().put("certificate_request", device.path("csr").asText()).toString();
        HttpRequest req = HttpRequest.newBuilder(sign).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(resp.body());
        if (resp.statusCode() != 200 || !answer.path("success").asBoolean()) {
            System.err.println("cfssl refused " + device.path("device_id").asText() + ": " + resp.body());
            return false;
        }
        Files.write(out.resolve(device.path("device_id").asText() + ".crt"),
                answer.path("result").path("certificate").asText().getBytes(StandardCharsets.US_ASCII),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return true;
    }
}
