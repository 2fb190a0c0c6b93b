package dev.trustline.signer.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.signer.issuance.BatchRejected;
import dev.trustline.signer.lifecycle.ProvisioningService;
import dev.trustline.signer.access.Actor;
import dev.trustline.signer.store.TransitionRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import org.eclipse.jetty.server.Request;

/**
 * {@code POST /v1/devices/ID/provisioning}: a station's line evidence, strict JSON. Parsing and
 * status codes only; the rules are in {@link ProvisioningService}, the state change in the lifecycle.
 */
final class ProvisioningHandler {
    static final String PREFIX = "/v1/devices/";
    static final String SUFFIX = "/provisioning";
    private static final int MAX_BYTES = 64 * 1024;
    private static final Set<String> FIELDS = Set.of("certificate_fingerprint_sha256", "challenge", "signature",
            "challenge_verified", "debug_locked", "self_test", "self_test_checks", "firmware_build", "firmware_sha256",
            "hw_rev", "operator", "station_time");

    private final ProvisioningService service;

    ProvisioningHandler(ProvisioningService service) {
        this.service = service;
    }

    static boolean matches(String path) {
        return path.startsWith(PREFIX) && path.endsWith(SUFFIX) && path.length() > PREFIX.length() + SUFFIX.length();
    }

    ObjectNode handle(Request request, String path, Actor actor) throws TrustLineException {
        String deviceId = URLDecoder.decode(path.substring(PREFIX.length(), path.length() - SUFFIX.length()), StandardCharsets.UTF_8);
        if (!request.getMethod().equals("POST")) {
            throw new BatchRejected(405, "use POST on " + path + " (GET /v1/devices/ID shows the record and its history)");
        }
        ObjectNode body = (ObjectNode) body(request);
        var e = new ProvisioningService.Evidence(text(body, "certificate_fingerprint_sha256"), text(body, "challenge"),
                text(body, "signature"), bool(body, "debug_locked"), text(body, "self_test"), body);
        text(body, "operator");
        text(body, "firmware_sha256");
        ProvisioningService.Outcome o = service.record(actor, deviceId, e);
        TransitionRecord t = o.transition();
        return ResultsJson.JSON.createObjectNode().put("device_id", t.deviceId()).put("state", t.to().code())
                .put("certificate_fingerprint_sha256", t.fingerprintSha256()).put("recorded_at", t.at().toString())
                .put("ledger_seq", t.ledgerSeq()).put("already_recorded", o.alreadyRecorded());
    }

    private static JsonNode body(Request request) throws BatchRejected {
        try (InputStream in = Request.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new BatchRejected(413, "evidence larger than " + MAX_BYTES + " bytes");
            }
            JsonNode n = ResultsJson.JSON.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new BatchRejected(400, "the evidence must be a JSON object");
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!FIELDS.contains(f)) {
                    throw new BatchRejected(400, "unknown evidence field '" + f + "'");
                }
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new BatchRejected(400, "the evidence is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BatchRejected(400, "cannot read the request body: " + e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) throws BatchRejected {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank() || v.asText().length() > 4096) {
            throw new BatchRejected(400, "evidence field '" + field + "' must be non-empty text");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode body, String field) throws BatchRejected {
        JsonNode v = body.get(field);
        if (v == null || !v.isBoolean()) {
            throw new BatchRejected(400, "evidence field '" + field + "' must be true or false");
        }
        return v.asBoolean();
    }
}
