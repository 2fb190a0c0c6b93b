package dev.trustline.signer.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What the station CA issued and revoked, appended (and fsynced) to {@code CA.p12.issued.jsonl} beside
 * its key store: one JSON line per event. It lets `issue` refuse a second live certificate for a
 * station name, and `revoke` and `crl` list every revoked serial.
 */
public final class StationRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One certificate: its serial (lower-case hex), CN, expiry, and revocation (reason code, time) if any. */
    public record Issued(String serialHex, String cn, boolean server, Instant notAfter, String sha256, Integer reason, Instant revokedAt) {
        boolean live(Instant now) {
            return reason == null && notAfter.isAfter(now);
        }
    }

    private StationRecords() {
    }

    static Path file(Path keyStore) {
        return keyStore.resolveSibling(keyStore.getFileName() + ".issued.jsonl");
    }

    /** Every certificate the CA issued, by serial, with its revocation applied. */
    static Map<String, Issued> read(Path keyStore) throws TrustLineException {
        Map<String, Issued> out = new LinkedHashMap<>();
        Path f = file(keyStore);
        if (!Files.exists(f)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode e = JSON.readTree(line);
                String serial = e.path("serial").asText();
                if ("issued".equals(e.path("event").asText())) {
                    out.put(serial, new Issued(serial, e.path("cn").asText(), e.path("server").asBoolean(),
                            Instant.parse(e.path("not_after").asText()), e.path("sha256").asText(), null, null));
                } else if ("revoked".equals(e.path("event").asText()) && out.containsKey(serial)) {
                    Issued i = out.get(serial);
                    out.put(serial, new Issued(serial, i.cn(), i.server(), i.notAfter(), i.sha256(), e.path("reason").asInt(),
                            Instant.parse(e.path("time").asText())));
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new TrustLineException("cannot read the station CA's records " + f + ": " + e.getMessage(), e);
        }
    }

    static void issued(Path keyStore, X509CertificateHolder cert, String cn, boolean server) throws TrustLineException {
        try {
            append(keyStore, JSON.createObjectNode().put("event", "issued").put("serial", dev.trustline.core.x509.Serials.hex(cert.getSerialNumber()))
                    .put("cn", cn).put("server", server).put("not_after", cert.getNotAfter().toInstant().toString())
                    .put("sha256", Digests.sha256Hex(cert.getEncoded())).toString());
        } catch (IOException e) {
            throw new TrustLineException("cannot encode the certificate", e);
        }
    }

    static void revoked(Path keyStore, String serialHex, int reason, Instant at) throws TrustLineException {
        append(keyStore, JSON.createObjectNode().put("event", "revoked").put("serial", serialHex).put("reason", reason)
                .put("time", at.toString()).toString());
    }

    private static void append(Path keyStore, String line) throws TrustLineException {
        Path f = file(keyStore);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        } catch (IOException e) {
            throw new TrustLineException("cannot record in " + f + ": " + e.getMessage(), e);
        }
    }
}
