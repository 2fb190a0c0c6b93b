package dev.trustline.signer.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.x509.Pem;
import dev.trustline.signer.access.Actor;
import dev.trustline.signer.access.Permission;
import dev.trustline.signer.issuance.BatchRejected;
import dev.trustline.signer.lifecycle.TransitionRefused;
import dev.trustline.signer.revocation.RevocationReason;
import dev.trustline.signer.store.DeviceRecord;
import dev.trustline.signer.store.DeviceState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.eclipse.jetty.server.Request;

/**
 * The device API over mTLS: {@code GET /v1/devices/ID} (record and history), {@code POST /v1/devices/ID/state}
 * ({"state", "reason", optional "evidence"}; permission {@code transition}, so never a station), {@code POST /v1/devices/ID/revoke} ({"reason", optional "comment"}),
 * {@code POST /v1/devices/check} ({"certificate", optional "chain"}: PEM) and {@code POST /v1/crl}. Parsing
 * and status codes only: permissions, states and revocation live in the services. Returns null for a path
 * that is not its own.
 */
final class DeviceRoutes {
    private static final int MAX_BODY = 256 * 1024;
    private static final String ID = "[A-Za-z0-9._:-]{1,256}";
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final LifecycleApi api;

    DeviceRoutes(LifecycleApi api) {
        this.api = api;
    }

    /** The JSON answer, or null if {@code path} is not a device route. */
    ObjectNode handle(String method, String path, Request request) throws TrustLineException {
        if (path.equals("/v1/crl") && method.equals("POST")) {
            api.rules().require(api.roles().actor(request), Permission.CRL_PUBLISH);
            return DeviceJson.crl(api.revocation().publish());
        }
        if (path.equals("/v1/devices/check") && method.equals("POST")) {
            api.rules().require(api.roles().actor(request), Permission.DEVICE_CHECK);
            return DeviceJson.check(api.check().check(presented(body(request, Set.of("certificate", "chain")))));
        }
        if (!path.startsWith("/v1/devices/")) {
            return null;
        }
        String[] parts = path.substring("/v1/devices/".length()).split("/", -1);
        if (parts.length > 2 || !parts[0].matches(ID)) {
            throw new BatchRejected(parts[0].matches(ID) ? 404 : 400, parts[0].matches(ID)
                    ? "no such endpoint: " + method + " " + path
                    : "a device id is 1 to 256 letters, digits, '.', '_', ':' or '-'");
        }
        String id = parts[0];
        Actor actor = api.roles().actor(request);
        if (parts.length == 1 && method.equals("GET")) {
            api.rules().require(actor, Permission.DEVICE_READ);
            DeviceRecord d = api.devices().device(id).orElseThrow(() ->
                    new TransitionRefused(404, "no device '" + id + "' in the registry"));
            return DeviceJson.history(d, api.devices().provenance(id).orElse(null), api.devices().transitions(id),
                    api.store().history(id));
        }
        if (parts.length == 2 && parts[1].equals("state") && method.equals("POST")) {
            // before the body is read: a station never holds 'transition' and is refused for every state
            // (it records provisioning only with its evidence, POST /v1/devices/ID/provisioning)
            api.rules().require(actor, Permission.TRANSITION);
            ObjectNode b = body(request, Set.of("state", "reason", "evidence"));
            String state = text(b, "state", true);
            DeviceState to = DeviceState.parse(state).orElseThrow(() -> new BatchRejected(400, "'" + state
                    + "' is not a lifecycle state (issued, provisioned, shipped, activated, returned, refurbished,"
                    + " retired, revoked)"));
            JsonNode evidence = b.get("evidence");
            if (evidence != null && !evidence.isObject()) {
                throw new BatchRejected(400, "field 'evidence' must be a JSON object");
            }
            return DeviceJson.transition(api.lifecycle().apply(actor, id, to, text(b, "reason", true),
                    (ObjectNode) evidence));
        }
        if (parts.length == 2 && parts[1].equals("revoke") && method.equals("POST")) {
            ObjectNode b = body(request, Set.of("reason", "comment"));
            String reason = text(b, "reason", true);
            RevocationReason r = RevocationReason.parse(reason).orElseThrow(() ->
                    new BatchRejected(400, RevocationReason.refusal(reason)));
            ObjectNode done = DeviceJson.transition(api.lifecycle().revoke(actor, id, r, text(b, "comment", false)));
            done.set("crl", DeviceJson.crl(api.revocation().publish()));
            return done;
        }
        throw new BatchRejected(404, "no such endpoint: " + method + " " + path);
    }

    private static List<X509CertificateHolder> presented(ObjectNode b) throws TrustLineException {
        String pem = text(b, "certificate", true) + "\n" + text(b, "chain", false);
        List<X509CertificateHolder> certs;
        try {
            certs = Pem.parseCertificates(pem, "the request");
        } catch (TrustLineException e) {
            throw new BatchRejected(400, "field 'certificate' (and 'chain') must be PEM certificates: " + e.getMessage());
        }
        if (certs.isEmpty() || certs.size() > 5) {
            throw new BatchRejected(400, "give the device certificate and at most 4 chain certificates as PEM");
        }
        return certs;
    }

    private static String text(ObjectNode b, String field, boolean required) throws BatchRejected {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new BatchRejected(400, "field '" + field + "' is required");
            }
            return "";
        }
        if (!v.isTextual()) {
            throw new BatchRejected(400, "field '" + field + "' must be a string");
        }
        return v.textValue();
    }

    private static ObjectNode body(Request request, Set<String> fields) throws BatchRejected {
        byte[] bytes = read(request);
        try {
            JsonNode node = STRICT.readTree(bytes);
            if (!(node instanceof ObjectNode o)) {
                throw new BatchRejected(400, "the body must be a JSON object");
            }
            for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!fields.contains(f)) {
                    throw new BatchRejected(400, "unknown field '" + f + "' (allowed: "
                            + String.join(", ", fields.stream().sorted().toList()) + ")");
                }
            }
            return o;
        } catch (JsonProcessingException e) {
            throw new BatchRejected(400, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BatchRejected(400, "cannot read the request body");
        }
    }

    private static byte[] read(Request request) throws BatchRejected {
        if (request.getLength() > MAX_BODY) {
            throw new BatchRejected(413, "request body exceeds the limit of " + MAX_BODY + " bytes");
        }
        try (InputStream in = Request.asInputStream(request)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
                if (out.size() > MAX_BODY) {
                    throw new BatchRejected(413, "request body exceeds the limit of " + MAX_BODY + " bytes");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new BatchRejected(400, "cannot read the request body: " + e.getMessage());
        }
    }

}
