package dev.trustline.station.signer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The station's HTTPS (mTLS) calls to the signer: a one-line batch (the batch API; the same batch id
 * replays the same certificate), reading a batch back, and reporting a device's provisioning evidence.
 * Network failures and 5xx are retried with back-off; rate-limited lines wait for Retry-After.
 */
public final class SignerClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final URI base;
    private final int attempts;

    /** An answer: HTTP status and JSON body. */
    public record Reply(int status, JsonNode body) {
        public String error() {
            return body.path("error").asText("HTTP " + status);
        }
    }

    public SignerClient(URI base, SSLContext tls, int attempts) {
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base;
        this.attempts = attempts;
    }

    /** Submits one device line as batch {@code batchId}; waits out rate limits. */
    public Reply submit(String batchId, String policy, String line) throws TrustLineException {
        URI uri = base.resolve("/v1/batches?batch_id=" + enc(batchId) + "&policy=" + enc(policy));
        for (int attempt = 1;; attempt++) {
            Reply r = send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(line + "\n")));
            JsonNode first = r.body().path("results").path(0);
            boolean retry = r.status() == 429 || "retry".equals(first.path("status").asText());
            if (!retry || attempt >= attempts) {
                return r;
            }
            sleep(Duration.ofSeconds(Math.min(30, Math.max(1, first.path("retry_after").asLong(1)))));
        }
    }

    public Reply batch(String batchId) throws TrustLineException {
        return send(HttpRequest.newBuilder(base.resolve("/v1/batches/" + enc(batchId))).GET());
    }

    /** POST /v1/devices/ID/provisioning: the line's evidence; the signer checks it and records it. */
    public Reply reportProvisioning(String deviceId, ObjectNode evidence) throws TrustLineException {
        return send(HttpRequest.newBuilder(base.resolve("/v1/devices/" + enc(deviceId) + "/provisioning"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(evidence.toString())));
    }

    private Reply send(HttpRequest.Builder builder) throws TrustLineException {
        HttpRequest req = builder.timeout(Duration.ofMinutes(2)).build();
        for (int tries = 1;; tries++) {
            try {
                HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (resp.statusCode() >= 500 && tries < attempts) {
                    sleep(Duration.ofSeconds(Math.min(30, 1L << tries)));
                    continue;
                }
                return new Reply(resp.statusCode(), body(resp.body()));
            } catch (IOException e) {
                if (tries >= attempts) {
                    throw new TrustLineException("cannot reach the signer at " + base + " after " + tries + " tries: " + dev.trustline.core.IoReason.of(e), e);
                }
                sleep(Duration.ofSeconds(Math.min(30, 1L << tries)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrustLineException("interrupted", e);
            }
        }
    }

    private static JsonNode body(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            return n == null ? JSON.createObjectNode() : n;
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode().put("error", "the signer's answer is not JSON");
        }
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
