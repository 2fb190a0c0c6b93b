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
    private java.util.function.Consumer<String> notices = m -> { };

    public BatchClient(URI base, SSLContext tls, int attempts) {
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base;
        this.attempts = attempts;
    }

    /** Where each retry is announced (one line: what failed, which attempt, how long until the next). */
    public void onRetry(java.util.function.Consumer<String> notices) {
        this.notices = notices;
    }

    /** The final response for this chunk: no line left in "retry" (or the last attempt's answer). */
    public JsonNode send(String batchId, String policy, List<String> lines) throws TrustLineException {
        JsonNode last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Response r = post(batchId, policy, body(lines), attempt);
            if (r.status() >= 500 || r.status() == 408) {
                throw new TrustLineException("the signer kept failing for batch " + batchId + " after " + attempts
                        + " attempts (HTTP " + r.status() + "): " + r.body().path("error").asText());
            }
            if (r.status() >= 400 && r.status() != 429) {
                throw new TrustLineException("signer refused batch " + batchId + " (HTTP " + r.status() + "): " + r.body().path("error").asText());
            }
            last = r.body();
            long wait = retryAfter(r);
            if (wait == 0) {
                return last;
            }
            if (attempt < attempts) {
                notices.accept("batch " + batchId + ": " + r.body().path("summary").path("retry").asInt() + " lines to retry ("
                        + retryCodes(r) + "); attempt " + (attempt + 1) + " of " + attempts + " in " + Math.min(wait, 60) + " s");
                sleep(Duration.ofSeconds(Math.min(wait, 60)));
            }
        }
        return last;
    }

    private record Response(int status, JsonNode body, long retryAfterHeader) {
    }

    /** The chunk as one UTF-8 JSON-lines body. */
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
                // the answer is parsed as it streams in, not first copied into one String
                HttpResponse<java.io.InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                try (java.io.InputStream in = resp.body()) {
                    if ((resp.statusCode() >= 500 || resp.statusCode() == 408) && tries < attempts) {
                        long wait = Math.min(30, Math.max(resp.headers().firstValueAsLong("Retry-After").orElse(0), 1L << tries));
                        notices.accept("batch " + batchId + ": the signer answered HTTP " + resp.statusCode() + " ("
                                + errorOf(new String(in.readAllBytes(), StandardCharsets.UTF_8)) + "); try " + (tries + 1)
                                + " of " + attempts + " in " + wait + " s");
                        sleep(Duration.ofSeconds(wait));
                        continue;
                    }
                    long header = resp.headers().firstValueAsLong("Retry-After").orElse(0);
                    return new Response(resp.statusCode(), JSON.readTree(in), header);
                }
            } catch (IOException e) {
                if (tries >= attempts) {
                    throw new TrustLineException("cannot reach the signer at " + base + " after " + tries + " tries: " + dev.trustline.core.IoReason.of(e), e);
                }
                notices.accept("batch " + batchId + ": cannot reach the signer (" + dev.trustline.core.IoReason.of(e) + "); try " + (tries + 1)
                        + " of " + attempts + " in " + Math.min(30, 1L << tries) + " s");
                sleep(Duration.ofSeconds(Math.min(30, 1L << tries)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrustLineException("interrupted", e);
            }
        }
    }

    private static String errorOf(String body) {
        try {
            return JSON.readTree(body).path("error").asText("no detail");
        } catch (IOException e) {
            return "no detail";
        }
    }

    private static String retryCodes(Response r) {
        java.util.Set<String> codes = new java.util.TreeSet<>();
        r.body().path("results").forEach(l -> {
            if ("retry".equals(l.path("status").asText())) {
                codes.add(l.path("error").path("code").asText());
            }
        });
        return String.join(", ", codes);
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
