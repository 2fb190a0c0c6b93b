package dev.trustline.signer.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.signer.issuance.BatchResult;
import dev.trustline.signer.issuance.LineResult;
import dev.trustline.core.x509.Pem;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The batch response: one result per line (certificate, or error code and message, or retry with
 * retry_after seconds), the chain every certificate needs (intermediate, root), and a summary.
 */
final class ResultsJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private ResultsJson() {
    }

    static ObjectNode of(BatchResult result, List<X509CertificateHolder> chain) {
        ObjectNode o = JSON.createObjectNode().put("batch_id", result.batchId()).put("policy", result.policyId())
                .put("replayed", result.replayed());
        ArrayNode chainPem = o.putArray("chain");
        chain.forEach(c -> chainPem.add(Pem.encode(c)));
        ArrayNode lines = o.putArray("results");
        for (LineResult r : result.lines()) {
            lines.add(line(r));
        }
        o.putObject("summary").put("issued", result.count(LineResult.Status.ISSUED))
                .put("refused", result.count(LineResult.Status.REFUSED)).put("retry", result.count(LineResult.Status.RETRY));
        return o;
    }

    /**
     * {@link #of} written straight to UTF-8 bytes with a streaming generator: the same JSON (field for field, in the
     * same order) without building a node per line first; a batch answer of 2,000 lines is ~2 MB.
     */
    static byte[] bytes(BatchResult result, List<X509CertificateHolder> chain) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(4096 + result.lines().size() * 1100);
        try (com.fasterxml.jackson.core.JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("batch_id", result.batchId());
            g.writeStringField("policy", result.policyId());
            g.writeBooleanField("replayed", result.replayed());
            g.writeArrayFieldStart("chain");
            for (X509CertificateHolder c : chain) {
                g.writeString(Pem.encode(c));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("results");
            for (LineResult r : result.lines()) {
                line(g, r);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("issued", result.count(LineResult.Status.ISSUED));
            g.writeNumberField("refused", result.count(LineResult.Status.REFUSED));
            g.writeNumberField("retry", result.count(LineResult.Status.RETRY));
            g.writeEndObject();
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write a batch answer", e);
        }
        return out.toByteArray();
    }

    private static void line(com.fasterxml.jackson.core.JsonGenerator g, LineResult r) throws java.io.IOException {
        g.writeStartObject();
        g.writeNumberField("line", r.lineNo());
        g.writeStringField("device_id", r.deviceId());
        g.writeStringField("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        if (r.status() == LineResult.Status.ISSUED) {
            g.writeStringField("serial", r.serialHex());
            g.writeStringField("fingerprint_sha256", r.fingerprint());
            g.writeStringField("certificate", Pem.encode("CERTIFICATE", r.certificateDer()));
        } else {
            g.writeObjectFieldStart("error");
            g.writeStringField("code", r.code());
            g.writeStringField("message", r.message());
            g.writeEndObject();
            if (r.retryAfter() != null) {
                g.writeNumberField("retry_after", Math.max(1, (r.retryAfter().toMillis() + 999) / 1000));
            }
        }
        g.writeEndObject();
    }

    private static ObjectNode line(LineResult r) {
        ObjectNode l = JSON.createObjectNode().put("line", r.lineNo()).put("device_id", r.deviceId())
                .put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        if (r.status() == LineResult.Status.ISSUED) {
            l.put("serial", r.serialHex()).put("fingerprint_sha256", r.fingerprint())
                    .put("certificate", Pem.encode("CERTIFICATE", r.certificateDer()));
        } else {
            l.putObject("error").put("code", r.code()).put("message", r.message());
            if (r.retryAfter() != null) {
                l.put("retry_after", Math.max(1, (r.retryAfter().toMillis() + 999) / 1000));
            }
        }
        return l;
    }

    static ObjectNode error(int status, String message) {
        return JSON.createObjectNode().put("status", status).put("error", message)
                .put("request_id", dev.trustline.signer.ops.RequestIds.current());
    }
}
