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
