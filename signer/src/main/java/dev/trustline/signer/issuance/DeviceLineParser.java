package dev.trustline.signer.issuance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Parses one JSON line strictly: {"device_id", "csr" (PEM or base64 DER), "sku", "hw_rev",
 * "operator", optional "reissue", "firmware_build", "spec_version", "manufactured_at" (UTC, e.g.
 * 2026-12-04T10:15:00Z)}; unknown fields, duplicate keys, trailing data, wrong types, control
 * characters, lone surrogates and invalid UTF-8 (U+FFFD after decoding) are refused with a clear reason,
 * so that everything the registry and ledger will encode is valid before anything is signed.
 */
public final class DeviceLineParser {
    private static final Set<String> FIELDS = Set.of("device_id", "csr", "crmf", "sku", "hw_rev", "operator", "reissue",
            "firmware_build", "spec_version", "manufactured_at");
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int MAX_FIELD = 256;

    private DeviceLineParser() {
    }

    public static DeviceLine parse(int lineNo, String line) throws LineRefused {
        if (line.indexOf('\uFFFD') >= 0) {
            throw new LineRefused("malformed-line", "the line is not valid UTF-8");
        }
        ObjectNode o = object(line);
        for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new LineRefused("malformed-line", "unknown field '" + LineText.printable(f) + "' (allowed: crmf, csr, device_id, firmware_build, hw_rev,"
                        + " manufactured_at, operator, reissue, sku, spec_version)");
            }
        }
        String deviceId = text(o, "device_id", true);
        String operator = text(o, "operator", true);
        JsonNode reissue = o.get("reissue");
        if (reissue != null && !reissue.isBoolean()) {
            throw new LineRefused("malformed-line", "field 'reissue' must be true or false");
        }
        return new DeviceLine(lineNo, deviceId, request(o), text(o, "sku", false), text(o, "hw_rev", false),
                operator, reissue != null && reissue.asBoolean(), text(o, "firmware_build", false),
                text(o, "spec_version", false), time(text(o, "manufactured_at", false)));
    }

    private static java.time.Instant time(String text) throws LineRefused {
        if (text.isEmpty()) {
            return null;
        }
        try {
            java.time.Instant t = java.time.Instant.parse(text);
            if (!text.endsWith("Z")) {
                throw new java.time.format.DateTimeParseException("not UTC", text, 0);
            }
            return t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        } catch (java.time.format.DateTimeParseException e) {
            throw new LineRefused("malformed-line", "field 'manufactured_at' must be a UTC time like 2026-12-04T10:15:00Z");
        }
    }

    private static ObjectNode object(String line) throws LineRefused {
        try {
            JsonNode node = JSON.readTree(line);
            if (!(node instanceof ObjectNode o)) {
                throw new LineRefused("malformed-line", "a line must be a JSON object");
            }
            return o;
        } catch (JsonProcessingException e) {
            throw new LineRefused("malformed-line", "not valid JSON: " + LineText.printable(firstLine(e.getOriginalMessage())));
        }
    }

    private static String text(ObjectNode o, String field, boolean required) throws LineRefused {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new LineRefused("malformed-line", "field '" + field + "' is required");
            }
            return "";
        }
        if (!v.isTextual()) {
            throw new LineRefused("malformed-line", "field '" + field + "' must be a string");
        }
        String s = v.asText();
        boolean encoded = field.equals("csr") || field.equals("crmf");
        String problem = LineText.problem(s, encoded);
        if (problem != null) {
            throw new LineRefused("malformed-line", "field '" + field + "' contains " + problem);
        }
        if (!encoded && (s.length() > MAX_FIELD || (required && s.isBlank()))) {
            throw new LineRefused("malformed-line", "field '" + field + "' must be 1 to " + MAX_FIELD + " characters");
        }
        return s;
    }

    private static String firstLine(String s) {
        String t = s == null ? "" : s.lines().findFirst().orElse("");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    /** Exactly one of "csr" (PKCS#10, PEM or base64 DER) and "crmf" (a base64 DER CRMF CertReqMsg, from CMP ir/cr). */
    private static KeyRequest request(ObjectNode o) throws LineRefused {
        boolean csr = o.hasNonNull("csr");
        if (csr == o.hasNonNull("crmf")) {
            throw new LineRefused("malformed-line", csr ? "give 'csr' or 'crmf', not both" : "field 'csr' is required");
        }
        if (csr) {
            return KeyRequest.of(csr(text(o, "csr", true)));
        }
        try {
            return KeyRequest.of(org.bouncycastle.asn1.crmf.CertReqMsg.getInstance(Base64.getDecoder().decode(text(o, "crmf", true))));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new LineRefused("malformed-csr", "field 'crmf' is not a base64 DER CRMF CertReqMsg");
        }
    }

    static PKCS10CertificationRequest csr(String text) throws LineRefused {
        try {
            String base64 = csrPemBody(text);
            if (base64 != null) {
                return new PKCS10CertificationRequest(Base64.getMimeDecoder().decode(base64));
            }
            if (text.contains("-----BEGIN")) { // another label, or a layout the fast path does not take
                try (PEMParser p = new PEMParser(new StringReader(text))) {
                    Object o = p.readObject();
                    if (o instanceof PKCS10CertificationRequest csr) {
                        return csr;
                    }
                    throw new LineRefused("malformed-csr", "field 'csr' is PEM but not a certificate request");
                }
            }
            return new PKCS10CertificationRequest(Base64.getMimeDecoder().decode(text));
        } catch (IOException | RuntimeException e) { // BouncyCastle's DER parsing also throws IllegalStateException and others
            throw new LineRefused("malformed-csr", "field 'csr' is not a PKCS#10 request (PEM or base64 DER): " + LineText.printable(e.getMessage()));
        }
    }

    private static final String[] CSR_LABELS = {"CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"};

    /**
     * The base64 body of a PEM certificate request that is the whole text (optional surrounding whitespace), else null
     * (then BouncyCastle's PEMParser decides). The common case costs one base64 decode instead of PEMParser's line reader.
     */
    static String csrPemBody(String text) {
        String t = text.strip();
        for (String label : CSR_LABELS) {
            String begin = "-----BEGIN " + label + "-----";
            String end = "-----END " + label + "-----";
            if (t.startsWith(begin) && t.endsWith(end) && t.length() >= begin.length() + end.length()) {
                String body = t.substring(begin.length(), t.length() - end.length());
                return body.indexOf('-') < 0 && body.indexOf(':') < 0 ? body : null;
            }
        }
        return null;
    }
}
