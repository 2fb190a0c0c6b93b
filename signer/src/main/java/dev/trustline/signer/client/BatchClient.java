package dev.trustline.signer.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Sends one batch chunk and retries safely: network failures and 5xx are retried with the same batch
 * id (the signer returns the same certificates, never new ones); lines the signer asks to retry
 * (rate limit) are re-sent after Retry-After until none remain.
 */
public final class BatchClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final URI base;
    private final int attempts;

    public BatchClient(URI base, SSLContext tls, int attempts) {
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base;
        this.attempts = attempts;
    }

    /** The final response for this chunk: no line left in "retry" (or the last attempt's answer). */
    public JsonNode send(String batchId, String policy, List<String> lines) throws TrustLineException {
        JsonNode last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Response r = post(batchId, policy, body(lines), attempt);
            if (r.status() >= 400 && r.status() != 429) {
                throw new TrustLineException("signer refused batch " + batchId + " (HTTP " + r.status() + "): " + r.body().path("error").asText());
            }
            last = r.body();
            long wait = retryAfter(r);
            if (wait == 0) {
                return last;
            }
            sleep(Duration.ofSeconds(Math.min(wait, 60)));
        }
        return last;
    }

    private record Response(int status, JsonNode body, long retryAfterHeader) {
    }

    /** The chunk as one UTF-8 JSON-lines body, built once for all attempts. */
    private static byte[] body(List<String> lines) {
        StringBuilder sb = new StringBuilder(lines.size() * 700);
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Response post(String batchId, String policy, byte[] body, int attempt) throws TrustLineException {
        URI uri = base.resolve("/v1/batches?batch_id=" + enc(batchId) + "&policy=" + enc(policy));
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        for (int tries = 1; ; tries++) {
            try {
                HttpResponse<java.io.InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                try (java.io.InputStream in = resp.body()) {
                    if (resp.statusCode() >= 500 && tries < attempts) {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                        sleep(Duration.ofSeconds(Math.min(30, 1L << tries)));
                        continue;
                    }
                    long header = resp.headers().firstValueAsLong("Retry-After").orElse(0);
                    return new Response(resp.statusCode(), JSON.readTree(in), header);
                }
            } catch (IOException e) {
                if (tries >= attempts) {
                    throw new TrustLineException("cannot reach the signer at " + base + " after " + tries + " tries: " + e.getMessage(), e);
                }
                sleep(Duration.ofSeconds(Math.min(30, 1L << tries)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrustLineException("interrupted", e);
            }
        }
    }

    private static long retryAfter(Response r) {
        long max = 0;
        for (JsonNode line : r.body().path("results")) {
            if ("retry".equals(line.path("status").asText())) {
                max = Math.max(max, Math.max(1, line.path("retry_after").asLong(1)));
            }
        }
        return max;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void sleep(Duration d) throws TrustLineException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrustLineException("interrupted", e);
        }
    }
}
