package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.client.StationTls;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.store.LedgerVerification;
import dev.trustline.signer.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signer over real HTTPS with mTLS, a real SoftHSM2 token and a real SQLite file: every refusal
 * reason, idempotent retry, limits, and certificates checked with openssl. One server per class.
 */
class SignerApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MAIN = "main-policy";
    static final String TIGHT = "tight-policy";
    static final String QUOTA = "quota-policy";
    static final String REISSUE = "reissue-policy";

    @TempDir
    static Path dir;
    static SignerFixture pki;
    static ServeCommand.Running signer;
    static long serial = 100;

    @BeforeAll
    static void start() throws Exception {
        pki = new SignerFixture(dir);
        pki.policy(MAIN);
        pki.policy(TIGHT, "per-station: {rate-per-second: 50, burst: 100}", "per-station: {rate-per-second: 1, burst: 3}");
        pki.policy(QUOTA, "total: 100000", "total: 4", "per-day: 10000", "per-day: 4");
        pki.policy(REISSUE, "allowed: false", "allowed: true");
        signer = ServeCommand.start(SignerConfig.load(pki.config("signer", 200, MAIN, TIGHT, QUOTA, REISSUE)), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (signer != null) {
            signer.close();
        }
        new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start().waitFor(30, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ helpers

    record Reply(int status, JsonNode body, String retryAfter) {
        JsonNode line(int i) {
            return body.path("results").get(i);
        }
    }

    static HttpClient client(String station) throws Exception {
        return HttpClient.newBuilder().sslContext(StationTls.context(pki.station(station), pki.pass(), List.of(pki.root))).build();
    }

    static Reply post(String station, String batchId, String policy, List<String> lines) throws Exception {
        URI uri = URI.create("https://localhost:" + signer.server().port() + "/v1/batches?batch_id=" + batchId + "&policy=" + policy);
        HttpResponse<String> r = client(station).send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()), r.headers().firstValue("Retry-After").orElse(null));
    }

    static HttpResponse<String> get(String station, String path) throws Exception {
        URI uri = URI.create("https://localhost:" + signer.server().port() + path);
        return client(station).send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    static synchronized List<String> devices(int n) throws Exception {
        List<String> lines = FactorySimulator.batch("GW", serial, n, "", "op-1");
        serial += n;
        return lines;
    }

    static KeyPair key(String curve) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec(curve));
        return kpg.generateKeyPair();
    }

    static synchronized String nextId() {
        return FactorySimulator.deviceId("GW", serial++, 9);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void batch_valid_everyDeviceIssuedAndOpensslVerifiesExactlyThePolicysExtensions() throws Exception {
        Reply r = post("station-sz-01", "valid-1", MAIN, devices(20));
        assertEquals(200, r.status(), r.body().toString());
        assertEquals(20, r.body().path("summary").path("issued").asInt(), r.body().toString());
        Path out = Files.createDirectories(dir.resolve("valid-1"));
        List<String> files = new ArrayList<>(List.of("openssl", "verify", "-CAfile", dir.resolve("certs/root.pem").toString(),
                "-untrusted", dir.resolve("certs/intermediate.pem").toString()));
        for (JsonNode line : r.body().path("results")) {
            Path f = out.resolve(line.path("device_id").asText() + ".crt");
            Files.writeString(f, line.path("certificate").asText());
            files.add(f.toString());
        }
        Process p = new ProcessBuilder(files).redirectErrorStream(true).start();
        String verify = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), verify);
        assertEquals(20, verify.split(": OK").length - 1, verify);
        Process text = new ProcessBuilder("openssl", "x509", "-noout", "-text", "-in", files.get(6)).redirectErrorStream(true).start();
        String t = new String(text.getInputStream().readAllBytes());
        assertTrue(t.contains("CA:FALSE") && t.contains("Digital Signature") && t.contains("TLS Web Client Authentication")
                && t.contains("URI:urn:dev:GW") && t.contains("Subject: O = Example Gateways Ltd, OU = Shenzhen Factory, CN = GW"), t);
        assertEquals(6, t.split("X509v3 ").length - 2, "exactly: basicConstraints, keyUsage, extKeyUsage, SKI, AKI, SAN\n" + t);
    }

    @Test
    void batch_eachRefusalReason_isReportedPerLineWithoutFailingTheRest() throws Exception {
        String good = devices(1).get(0);
        String badChecksum = FactorySimulator.line("GW1234567890", key("secp256r1"), "op");
        String cnMismatch = good.replaceFirst("\"device_id\":\"GW\\d+\"", "\"device_id\":\"" + nextId() + "\"");
        String p384 = FactorySimulator.line(nextId(), key("secp384r1"), "op");
        String malformedCsr = "{\"device_id\":\"" + nextId() + "\",\"csr\":\"bm90IGEgY3Ny\",\"operator\":\"op\"}";
        String badPop = tamperSignature(FactorySimulator.line(nextId(), key("secp256r1"), "op"));
        String malformedLine = "{\"device_id\": 12";
        Reply r = post("station-sz-01", "refusals-1", MAIN, List.of(good, badChecksum, cnMismatch, p384, malformedCsr, badPop, malformedLine));
        assertEquals(200, r.status(), r.body().toString());
        assertEquals("issued", r.line(0).path("status").asText());
        String[] codes = {"bad-device-id", "cn-mismatch", "wrong-key-type", "malformed-csr", "bad-pop", "malformed-line"};
        for (int i = 0; i < codes.length; i++) {
            assertEquals("refused", r.line(i + 1).path("status").asText(), r.line(i + 1).toString());
            assertEquals(codes[i], r.line(i + 1).path("error").path("code").asText(), r.line(i + 1).toString());
            assertFalse(r.line(i + 1).path("error").path("message").asText().isBlank());
        }
        assertTrue(r.line(1).path("error").path("message").asText().contains("luhn"), r.line(1).toString());
    }

    private static String tamperSignature(String line) throws Exception {
        JsonNode o = JSON.readTree(line);
        String pem = o.path("csr").asText();
        var csr = dev.trustline.signer.issuance.DeviceLineParserAccess.csr(pem);
        byte[] der = csr.getEncoded();
        der[der.length - 5] ^= 0x01;
        return ((com.fasterxml.jackson.databind.node.ObjectNode) o).put("csr", java.util.Base64.getEncoder().encodeToString(der)).toString();
    }

    @Test
    void batch_duplicateDevice_isRefusedTheSecondTime() throws Exception {
        List<String> lines = devices(1);
        assertEquals("issued", post("station-sz-01", "dup-a", MAIN, lines).line(0).path("status").asText());
        Reply again = post("station-sz-01", "dup-b", MAIN, lines);
        assertEquals("duplicate-device", again.line(0).path("error").path("code").asText(), again.body().toString());
    }

    @Test
    void batch_reissue_onlyUnderThePolicyThatIssuedTheDevice() throws Exception {
        List<String> lines = devices(1);
        assertEquals("issued", post("station-sz-01", "re-a", MAIN, lines).line(0).path("status").asText());
        String reissue = lines.get(0).replace("}", ",\"reissue\":true}");
        Reply other = post("station-sz-01", "re-b", REISSUE, List.of(reissue));
        assertEquals("reissue-not-allowed", other.line(0).path("error").path("code").asText(), other.body().toString());
        Reply notAllowed = post("station-sz-01", "re-c", MAIN, List.of(reissue));
        assertEquals("reissue-not-allowed", notAllowed.line(0).path("error").path("code").asText(), notAllowed.body().toString());
        List<String> fresh = devices(1);
        assertEquals("issued", post("station-sz-01", "re-d", REISSUE, fresh).line(0).path("status").asText());
        Reply refurbished = post("station-sz-01", "re-e", REISSUE, List.of(fresh.get(0).replace("}", ",\"reissue\":true}")));
        assertEquals("issued", refurbished.line(0).path("status").asText(), refurbished.body().toString());
    }

    @Test
    void get_malformedBatchId_is400NotA5xx() throws Exception {
        assertEquals(400, get("station-sz-01", "/v1/batches/%20").statusCode());
        assertEquals(400, get("station-sz-01", "/v1/batches/").statusCode());
    }

    @Test
    void submitCli_writesCertificatesChainAndManifestIntoANewFolder() throws Exception {
        Path batch = dir.resolve("cli-batch.jsonl");
        Files.writeString(batch, String.join("\n", devices(5)) + "\n");
        Files.writeString(dir.resolve("secrets/station-pass"), "test-pkcs12-password\n");
        Path out = dir.resolve("cli-results/new");
        java.io.StringWriter so = new java.io.StringWriter();
        int rc = dev.trustline.signer.cli.SignerCli.execute(new String[] {"submit", "--url", "https://localhost:" + signer.server().port(),
                "--station-cert", pki.station("station-sz-01").toString(), "--password", "file:" + dir.resolve("secrets/station-pass"),
                "--trust", dir.resolve("certs/root.pem").toString(), "--batch", batch.toString(), "--policy", MAIN,
                "--out", out.toString()}, new java.io.PrintWriter(so, true), new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertEquals(0, rc, so.toString());
        assertEquals(5, Files.readAllLines(out.resolve("manifest.jsonl")).size());
        assertTrue(Files.readString(out.resolve("chain.pem")).contains("BEGIN CERTIFICATE"));
        try (var files = Files.list(out)) {
            assertEquals(5, files.filter(f -> f.toString().endsWith(".crt")).count());
        }
    }

    @Test
    void submitCli_smallChunksTwoInFlight_writesEveryCertificateInChunkOrder_andOpensslVerifiesThem() throws Exception {
        List<String> lines = devices(7);
        Path batch = dir.resolve("cli-stream.jsonl");
        Files.writeString(batch, "\n" + String.join("\n\n", lines) + "\n");
        Files.writeString(dir.resolve("secrets/station-pass"), "test-pkcs12-password\n");
        Path out = dir.resolve("cli-results/stream");
        java.io.StringWriter so = new java.io.StringWriter();
        int rc = dev.trustline.signer.cli.SignerCli.execute(new String[] {"submit", "--url", "https://localhost:" + signer.server().port(),
                "--station-cert", pki.station("station-sz-01").toString(), "--password", "file:" + dir.resolve("secrets/station-pass"),
                "--trust", dir.resolve("certs/root.pem").toString(), "--batch", batch.toString(), "--policy", MAIN,
                "--chunk", "2", "--in-flight", "2", "--out", out.toString()},
                new java.io.PrintWriter(so, true), new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertEquals(0, rc, so.toString());
        List<String> manifest = Files.readAllLines(out.resolve("manifest.jsonl"));
        assertEquals(7, manifest.size());
        for (int i = 0; i < 7; i++) {
            JsonNode m = JSON.readTree(manifest.get(i));
            assertEquals(JSON.readTree(lines.get(i)).path("device_id").asText(), m.path("device_id").asText(), "manifest in file order");
            assertTrue(m.path("batch_id").asText().endsWith("-" + (i / 2)), "chunk " + (i / 2) + ": " + m);
            Process p = new ProcessBuilder("openssl", "verify", "-CAfile", dir.resolve("certs/root.pem").toString(),
                    "-untrusted", out.resolve("chain.pem").toString(), out.resolve(m.path("certificate_file").asText()).toString())
                    .redirectErrorStream(true).start();
            String verdict = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), verdict);
        }
    }

    @Test
    void batch_foreignStation_is403() throws Exception {
        Reply r = post("station-xx-99", "foreign-1", MAIN, devices(1));
        assertEquals(403, r.status());
        assertTrue(r.body().path("error").asText().contains("station 'station-xx-99' is not named by policy main-policy"));
    }

    @Test
    void batch_unknownPolicy_is404_andBadBatchId_is400() throws Exception {
        assertEquals(404, post("station-sz-01", "unknown-1", "no-such-policy", devices(1)).status());
        assertEquals(400, post("station-sz-01", "bad%20id", MAIN, devices(1)).status());
    }

    @Test
    void batch_sameIdSameContent_returnsTheSameCertificates_otherContentIs409() throws Exception {
        List<String> lines = devices(3);
        Reply first = post("station-sz-01", "idem-1", MAIN, lines);
        Reply second = post("station-sz-01", "idem-1", MAIN, lines);
        assertTrue(second.body().path("replayed").asBoolean());
        for (int i = 0; i < 3; i++) {
            assertEquals(first.line(i).path("fingerprint_sha256"), second.line(i).path("fingerprint_sha256"));
        }
        Reply other = post("station-sz-01", "idem-1", MAIN, devices(3));
        assertEquals(409, other.status());
        HttpResponse<String> fetched = get("station-sz-01", "/v1/batches/idem-1");
        assertEquals(first.line(2).path("fingerprint_sha256"), JSON.readTree(fetched.body()).path("results").get(2).path("fingerprint_sha256"));
        assertEquals(404, get("station-sz-02", "/v1/batches/idem-1").statusCode(), "another station cannot read it");
    }

    @Test
    void batch_overRate_getsRetryPerDeviceAnd429WhenNothingFits() throws Exception {
        Reply r = post("station-sz-01", "rate-1", TIGHT, devices(5));
        assertEquals(200, r.status());
        assertEquals(3, r.body().path("summary").path("issued").asInt(), r.body().toString());
        assertEquals("rate-limited", r.line(4).path("error").path("code").asText());
        assertTrue(r.line(4).path("retry_after").asInt() >= 1);
        assertTrue(r.retryAfter() != null, "Retry-After header");
        Reply none = post("station-sz-01", "rate-2", TIGHT, devices(3));
        assertEquals(429, none.status(), none.body().toString());
    }

    @Test
    void batch_overTotalQuota_refusesExactlyTheExcess() throws Exception {
        Reply r = post("station-sz-02", "quota-1", QUOTA, devices(6));
        assertEquals(4, r.body().path("summary").path("issued").asInt(), r.body().toString());
        assertEquals(2, r.body().path("summary").path("refused").asInt());
        assertEquals("over-quota", r.line(5).path("error").path("code").asText());
    }

    @Test
    void batch_tooManyLines_is413() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            lines.add("{}");
        }
        Reply r = post("station-sz-01", "big-1", MAIN, lines);
        assertEquals(413, r.status());
        assertTrue(r.body().path("error").asText().contains("limit is 200"));
    }

    @Test
    void ca_healthz_andNoClientCertificate() throws Exception {
        assertEquals("ok\n", get("station-sz-01", "/healthz").body());
        assertTrue(get("station-sz-01", "/v1/ca").body().contains("BEGIN CERTIFICATE"));
        HttpClient anonymous = HttpClient.newBuilder().sslContext(trustOnly()).build();
        URI uri = URI.create("https://localhost:" + signer.server().port() + "/healthz");
        assertThrows(java.io.IOException.class, () -> anonymous.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static javax.net.ssl.SSLContext trustOnly() throws Exception {
        var ts = java.security.KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("root", new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(pki.root));
        var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        var ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    @Test
    void ledger_afterTraffic_verifiesAgainstTheRegistry() throws Exception {
        post("station-sz-01", "ledger-1", MAIN, devices(2));
        try (Store store = Store.openSqlite(dir.resolve("state/signer.db"))) {
            LedgerVerification v = store.verifyLedger();
            assertTrue(v.ok(), v.problem());
        }
    }

    static int cli(StringWriter out, StringWriter err, Object... args) {
        String[] a = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        return dev.trustline.signer.cli.SignerCli.execute(a, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void ledger_checkpointKeptExportedAndAuditedOffline_withTheCli() throws Exception {
        post("station-sz-01", "audit-1", MAIN, devices(3));
        assertTrue(signer.checkpoints().checkpoint().isPresent(), "what the signer does at its interval and stop");
        Path config = dir.resolve("signer.yaml");
        Path kept = dir.resolve("kept-checkpoint.json");
        Path export = dir.resolve("audit-ledger.jsonl");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, cli(out, err, "ledger", "checkpoint", "--config", config, "--out", kept), err.toString());
        assertEquals(0, cli(out, err, "ledger", "export", "--config", config, "--out", export), err.toString());
        assertEquals(0, cli(out, err, "ledger", "verify", "--config", config, "--checkpoint", kept), err.toString());
        assertTrue(out.toString().contains("holds the kept checkpoint at entry"), out.toString());
        StringWriter audit = new StringWriter();
        assertEquals(0, cli(audit, err, "ledger", "audit", export, "--trust", dir.resolve("certs/root.pem")),
                err.toString());
        assertTrue(audit.toString().startsWith("OK: "), audit.toString());
        assertTrue(audit.toString().contains("certificates verified"), audit.toString());
        assertTrue(audit.toString().contains("station station-sz-01: issued "), audit.toString());
        assertTrue(audit.toString().contains("policy " + MAIN + ": issued "), audit.toString());
    }

    @Test
    void ledgerAudit_oneCertificateByteChangedInTheExport_failsNamingTheEntry() throws Exception {
        post("station-sz-01", "audit-2", MAIN, devices(1));
        signer.checkpoints().checkpoint();
        Path export = dir.resolve("audit-2.jsonl");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, cli(out, err, "ledger", "export", "--config", dir.resolve("signer.yaml"), "--out", export));
        List<String> lines = Files.readAllLines(export);
        int i = lines.size() - 2;
        String cert = "\"certificate\":\"";
        int at = lines.get(i).indexOf(cert) + cert.length() + 40;
        char c = lines.get(i).charAt(at);
        lines.set(i, lines.get(i).substring(0, at) + (c == 'A' ? 'B' : 'A') + lines.get(i).substring(at + 1));
        Files.write(export, lines);
        assertEquals(1, cli(out, err, "ledger", "audit", export, "--trust", dir.resolve("certs/root.pem")));
        assertTrue(err.toString().startsWith("FAILED: ledger entry " + i + ": "), err.toString());
    }

    @Test
    void ledgerAudit_exportWithUnsignedTail_fails() throws Exception {
        post("station-sz-01", "audit-3", MAIN, devices(1));
        signer.checkpoints().checkpoint();
        post("station-sz-01", "audit-4", MAIN, devices(1));
        Path export = dir.resolve("audit-4.jsonl");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, cli(out, err, "ledger", "export", "--config", dir.resolve("signer.yaml"), "--out", export));
        assertEquals(1, cli(out, err, "ledger", "audit", export, "--trust", dir.resolve("certs/root.pem")));
        assertTrue(err.toString().contains("come after the last checkpoint: no signature covers them"), err.toString());
    }



}
