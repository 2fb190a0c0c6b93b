package dev.trustline.signer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.signer.cli.ServeCommand;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.client.StationTls;
import dev.trustline.signer.config.SignerConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The device lifecycle end to end on a real SoftHSM2 token, a real database (subclasses: SQLite,
 * PostgreSQL) and real HTTPS with mTLS: stations issue and provision (with the device's answer to a
 * challenge, through the provisioning endpoint), the backend role changes states, revokes and checks
 * devices, and the HSM-signed CRL and OCSP answers are judged by openssl ({@code openssl crl -CAfile},
 * {@code openssl verify -crl_check}, {@code openssl ocsp -url} against the signer's own responder). One
 * token and one signer per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeviceLifecycleApiContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String POLICY = "lifecycle-policy";
    static final String SPEC_POLICY = "spec-policy";
    static final String STATION = "station-sz-01";
    static final String OTHER_STATION = "station-sz-02";
    static final String BACKEND = "backend-01";
    /** A client of the separate backend CA (access.backend-ca). */
    static final String SERVICE = "crm-service";
    /** What the device signs before the challenge (runbooks/device-protocol.md). */
    static final byte[] CHALLENGE_PREFIX = "trustline-challenge-v1:".getBytes(StandardCharsets.US_ASCII);

    /** Static: JUnit fills a static @TempDir before @BeforeAll, for each subclass in turn. */
    @TempDir
    static Path dir;
    SignerFixture pki;
    ServeCommand.Running signer;
    int publicPort;
    long serial = 500;
    /** Each device's key (for its answer to the provisioning challenge) and fingerprint, by device id. */
    final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
    final Map<String, String> fingerprints = new ConcurrentHashMap<>();

    /** The lines under signer.yaml's {@code database:} for this store (may skip the class by an assumption). */
    abstract String database() throws Exception;

    /** Removes what {@link #database()} made, after the signer has stopped. */
    void dropDatabase() throws Exception {
    }

    @BeforeAll
    void start() throws Exception {
        String database = database();
        pki = new SignerFixture(dir);
        try (ServerSocket s = new ServerSocket(0)) {
            publicPort = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + publicPort;
        pki.policy(POLICY, "allowed: false", "allowed: true", "reissue:", "revocation: {crl-url: \"" + base
                + "/crl/gateway-test.crl\", ocsp-url: \"" + base + "/ocsp\"}\nreissue:");
        pki.policy(SPEC_POLICY, "reissue:", "provisioning: {spec-versions: [prov-3, prov-4]}\nreissue:");
        Path config = pki.config("signer", 200, POLICY, SPEC_POLICY);
        pki.backendClient(SERVICE);
        String yaml = Files.readString(config);
        assertTrue(yaml.contains("  sqlite: state/signer.db\n"), yaml);
        Files.writeString(config, yaml.replace("  sqlite: state/signer.db\n", database)
                + "access:\n  backend-clients: [" + BACKEND + "]\n"
                + "  backend-ca: certs/backend-ca.pem\n"
                + "revocation:\n  public-listen: {host: 127.0.0.1, port: " + publicPort + "}\n"
                + "device-check:\n  allow-states: [activated]\n");
        signer = ServeCommand.start(SignerConfig.load(config), Clock.systemUTC());
        assertEquals(database.contains("postgres:"), signer.store().shared(), "the signer runs on the store named: " + database);
        TestFiles.write(dir, "chain.pem", dev.trustline.core.x509.Pem.encode(pki.intermediate, pki.root));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (signer != null) {
                assertTrue(signer.store().verifyLedger().ok(), signer.store().verifyLedger().toString());
                signer.close();
            }
            dropDatabase();
        } finally {
            if (pki != null) {
                new ProcessBuilder("softhsm2-util", "--delete-token", "--serial", pki.token.serial()).start()
                        .waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    record Reply(int status, JsonNode body) {
    }

    HttpClient client(String cn) throws Exception {
        Path p12 = cn.equals(SERVICE) ? pki.backendClient(cn) : pki.station(cn);
        return HttpClient.newBuilder().sslContext(StationTls.context(p12, pki.pass(), List.of(pki.root))).build();
    }

    Reply send(String cn, String method, String path, String body) throws Exception {
        URI uri = URI.create("https://localhost:" + signer.server().port() + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json");
        b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = client(cn).send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    Reply state(String cn, String device, String state, String reason) throws Exception {
        return send(cn, "POST", "/v1/devices/" + device + "/state", JSON.createObjectNode().put("state", state)
                .put("reason", reason).toString());
    }

    Reply revoke(String cn, String device, String reason) throws Exception {
        return send(cn, "POST", "/v1/devices/" + device + "/revoke", JSON.createObjectNode().put("reason", reason)
                .put("comment", "test").toString());
    }

    Reply check(Path certificate) throws Exception {
        return send(BACKEND, "POST", "/v1/devices/check", JSON.createObjectNode()
                .put("certificate", Files.readString(certificate)).toString());
    }

    /** Issues one device through the station; returns its certificate file. */
    synchronized Path issue(String batchLine, String name) throws Exception {
        String batch = "lc-" + name + "-" + serial;
        URI uri = URI.create("https://localhost:" + signer.server().port() + "/v1/batches?batch_id=" + batch + "&policy=" + POLICY);
        HttpResponse<String> r = client(STATION).send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers
                .ofString(batchLine)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode line = JSON.readTree(r.body()).path("results").get(0);
        assertTrue(line != null, r.statusCode() + " " + r.body());
        assertEquals("issued", line.path("status").asText(), r.body());
        fingerprints.put(line.path("device_id").asText(), line.path("fingerprint_sha256").asText());
        return TestFiles.write(dir, name + ".pem", line.path("certificate").asText());
    }

    synchronized String newDevice() {
        return FactorySimulator.deviceId("GW", serial++, 9);
    }

    /** Issues {@code device} with a new key of its own (kept for its answer to the provisioning challenge). */
    Path issueNew(String device) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = kpg.generateKeyPair();
        keys.put(device, key);
        return issue(FactorySimulator.line(device, key, "op-1"), device);
    }

    /**
     * {@code station} reports line evidence for {@code device} on {@code POST /v1/devices/ID/provisioning}, as
     * bin/station does: a fresh challenge signed by the device's key, debug locked, self-test passed.
     */
    Reply provision(String station, String device) throws Exception {
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(keys.get(device).getPrivate());
        s.update(CHALLENGE_PREFIX);
        s.update(challenge);
        Base64.Encoder b64 = Base64.getEncoder();
        return send(station, "POST", "/v1/devices/" + device + "/provisioning", JSON.createObjectNode()
                .put("certificate_fingerprint_sha256", fingerprints.get(device)).put("challenge", b64.encodeToString(challenge))
                .put("signature", b64.encodeToString(s.sign())).put("challenge_verified", true).put("debug_locked", true)
                .put("self_test", "pass").put("firmware_build", "2.4.1+b907").put("firmware_sha256", "ab".repeat(32))
                .put("hw_rev", "C").put("operator", "op-1").put("station_time", "2026-12-04T00:00:00Z").toString());
    }

    /** Provisions {@code device} through the station's evidence and asserts it was recorded. */
    void provisioned(String device) throws Exception {
        Reply r = provision(STATION, device);
        assertEquals(200, r.status(), r.body().toString());
        assertEquals("provisioned", r.body().path("state").asText(), r.body().toString());
    }

    /** The ledger entries that name {@code device}, as an auditor's export shows them. */
    List<String> ledgerEntries(String device) throws Exception {
        Path export = dir.resolve("ledger-" + System.nanoTime() + ".jsonl");
        signer.store().exportLedger(export);
        List<String> entries = Files.readAllLines(export).stream().filter(l -> l.contains("\"" + device + "\"")).toList();
        Files.delete(export);
        return entries;
    }

    /** The CRL as a relying party fetches it: plain HTTP at the certificates' distribution point. */
    Path fetchCrl(String name) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + publicPort + "/crl/gateway-test.crl")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/pkix-crl", r.headers().firstValue("Content-Type").orElse(""));
        Files.write(dir.resolve(name + ".der"), r.body());
        TestFiles.Result pem = TestFiles.run(dir, "openssl", "crl", "-inform", "DER", "-in", name + ".der", "-out", name + ".pem");
        assertEquals(0, pem.code(), pem.out());
        return dir.resolve(name + ".pem");
    }

    TestFiles.Result verifyWithCrl(Path crl, Path cert) throws Exception {
        return TestFiles.run(dir, "openssl", "verify", "-crl_check", "-CRLfile", crl.toString(), "-CAfile", "certs/root.pem",
                "-untrusted", "certs/intermediate.pem", cert.toString());
    }

    String ocsp(Path cert) throws Exception {
        TestFiles.Result r = TestFiles.run(dir, "openssl", "ocsp", "-issuer", "certs/intermediate.pem", "-cert", cert.toString(),
                "-url", "http://127.0.0.1:" + publicPort + "/ocsp", "-CAfile", "certs/root.pem", "-resp_text");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("Response verify OK"), r.out());
        return r.out();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void revoke_byBackend_crlAndOcspJudgedByOpenssl() throws Exception {
        String bad = newDevice();
        String fine = newDevice();
        Path badCert = issueNew(bad);
        Path fineCert = issueNew(fine);
        String cdp = TestFiles.run(dir, "openssl", "x509", "-in", badCert.toString(), "-noout", "-ext",
                "crlDistributionPoints,authorityInfoAccess").out();
        assertTrue(cdp.contains("URI:http://127.0.0.1:" + publicPort + "/crl/gateway-test.crl"), cdp);
        assertTrue(cdp.contains("OCSP - URI:http://127.0.0.1:" + publicPort + "/ocsp"), cdp);
        Reply r = revoke(BACKEND, bad, "key-compromise");
        assertEquals(200, r.status(), r.body().toString());
        assertEquals("revoked", r.body().path("to").asText());
        Path crl = fetchCrl("after-revoke");
        TestFiles.Result signature = TestFiles.run(dir, "openssl", "crl", "-inform", "DER", "-in", "after-revoke.der",
                "-CAfile", "chain.pem", "-noout");
        assertTrue(signature.out().contains("verify OK"), signature.out());
        TestFiles.Result refused = verifyWithCrl(crl, badCert);
        assertEquals(2, refused.code(), refused.out());
        assertTrue(refused.out().contains("certificate revoked"), refused.out());
        TestFiles.Result accepted = verifyWithCrl(crl, fineCert);
        assertEquals(0, accepted.code(), accepted.out());
        String revoked = ocsp(badCert);
        assertTrue(revoked.contains(badCert + ": revoked") && revoked.contains("Reason: keyCompromise"), revoked);
        assertTrue(ocsp(fineCert).contains(fineCert + ": good"));
        Path stranger = TestFiles.write(dir, "stranger.pem", dev.trustline.core.x509.Pem.encode(pki.stationCa));
        TestFiles.Result unknown = TestFiles.run(dir, "openssl", "ocsp", "-issuer", "certs/intermediate.pem", "-serial", "0x1234567",
                "-url", "http://127.0.0.1:" + publicPort + "/ocsp", "-CAfile", "certs/root.pem");
        assertTrue(unknown.out().contains("0x1234567: unknown"), unknown.out());
        assertTrue(Files.exists(stranger));
        Reply again = revoke(BACKEND, bad, "superseded");
        assertEquals(409, again.status());
        assertEquals("device " + bad + " is revoked; it cannot become revoked (allowed from revoked: none, it is final)",
                again.body().path("error").asText());
    }

    @Test
    void roles_stationCannotRevokeOrChangeState_backendCannotIssue() throws Exception {
        String device = newDevice();
        Path cert = issueNew(device);
        Reply revoke = revoke(STATION, device, "key-compromise");
        assertEquals(403, revoke.status());
        assertEquals("station client 'station-sz-01' lacks permission 'revoke' (the station role may: issue, provision)",
                revoke.body().path("error").asText());
        Reply ship = state(STATION, device, "shipped", "station tries");
        assertEquals(403, ship.status());
        assertTrue(ship.body().path("error").asText().contains("lacks permission 'transition'"));
        assertEquals(403, send(STATION, "GET", "/v1/devices/" + device, null).status());
        Reply stationCheck = send(STATION, "POST", "/v1/devices/check", JSON.createObjectNode()
                .put("certificate", Files.readString(cert)).toString());
        assertTrue(stationCheck.body().path("error").asText().contains("lacks permission 'device-check'"));
        assertEquals(403, send(STATION, "POST", "/v1/crl", "{}").status());
        URI uri = URI.create("https://localhost:" + signer.server().port() + "/v1/batches?batch_id=by-backend&policy=" + POLICY);
        HttpResponse<String> issue = client(BACKEND).send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers
                .ofString(FactorySimulator.batch("GW", 999_000, 1, "", "op").get(0))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, issue.statusCode());
        assertEquals("backend client 'backend-01' lacks permission 'issue' (the backend role may: transition, revoke,"
                + " device-read, device-check, crl-publish)", JSON.readTree(issue.body()).path("error").asText());
        assertEquals("issued", send(BACKEND, "GET", "/v1/devices/" + device, null).body().path("state").asText());
    }

    static final String STATION_LACKS_TRANSITION = "station client 'station-sz-01' lacks permission 'transition' (the"
            + " station role may: issue, provision)";

    /** The generic route would record provisioned without the device's proof: a station gets 403, and nothing changes. */
    @Test
    void state_stationSetsProvisioned_isForbidden() throws Exception {
        String device = newDevice();
        issueNew(device);
        List<String> ledger = ledgerEntries(device);
        assertTrue(ledger.size() >= 1, "the issuance names the device in the ledger");
        Reply r = state(STATION, device, "provisioned", "line evidence verified");
        assertEquals(403, r.status(), r.body().toString());
        assertEquals(STATION_LACKS_TRANSITION, r.body().path("error").asText());
        Reply withEvidence = send(STATION, "POST", "/v1/devices/" + device + "/state", JSON.createObjectNode()
                .put("state", "provisioned").put("reason", "trust me").set("evidence", JSON.createObjectNode()
                        .put("debug_locked", true).put("self_test", "pass")).toString());
        assertEquals(403, withEvidence.status(), withEvidence.body().toString());
        Reply backend = state(BACKEND, device, "provisioned", "no evidence either");
        assertEquals(403, backend.status(), backend.body().toString());
        assertTrue(backend.body().path("error").asText().startsWith("backend client 'backend-01' lacks permission 'provision'"),
                backend.body().toString());
        JsonNode record = send(BACKEND, "GET", "/v1/devices/" + device, null).body();
        assertEquals("issued", record.path("state").asText(), record.toString());
        assertEquals(0, record.path("history").size(), record.toString());
        assertEquals(ledger, ledgerEntries(device), "no ledger entry for a refused change");
        provisioned(device);
        assertEquals(ledger.size() + 1, ledgerEntries(device).size(), "the evidence is one transition entry");
    }

    /** Whatever the state asked for (even one that is no state, or a malformed body), a station is refused first. */
    @ParameterizedTest(name = "station sets {0}")
    @ValueSource(strings = {"issued", "provisioned", "shipped", "activated", "returned", "refurbished", "retired",
        "revoked", "lost"})
    void state_stationSetsAnyState_isForbiddenAndChangesNothing(String state) throws Exception {
        String device = newDevice();
        issueNew(device);
        provisioned(device);
        List<String> ledger = ledgerEntries(device);
        Reply r = state(STATION, device, state, "station tries");
        assertEquals(403, r.status(), r.body().toString());
        assertEquals(STATION_LACKS_TRANSITION, r.body().path("error").asText());
        Reply malformed = send(STATION, "POST", "/v1/devices/" + device + "/state", "{\"state\": \"" + state + "\",");
        assertEquals(403, malformed.status(), malformed.body().toString());
        JsonNode record = send(BACKEND, "GET", "/v1/devices/" + device, null).body();
        assertEquals("provisioned", record.path("state").asText(), record.toString());
        assertEquals(1, record.path("history").size(), record.toString());
        assertEquals(ledger, ledgerEntries(device));
    }

    @Test
    void transitions_allowedAndRefused_recordedWithWhoWhenWhy() throws Exception {
        String device = newDevice();
        issueNew(device);
        Reply notMine = provision(OTHER_STATION, device);
        assertEquals(403, notMine.status());
        assertEquals("station 'station-sz-02' did not issue device " + device + "; a station reports evidence only for its"
                + " own devices", notMine.body().path("error").asText());
        provisioned(device);
        Reply skip = state(BACKEND, device, "activated", "skip shipping");
        assertEquals(409, skip.status());
        assertEquals("device " + device + " is provisioned; it cannot become activated (allowed from provisioned: shipped,"
                + " revoked, retired)", skip.body().path("error").asText());
        assertEquals(200, state(BACKEND, device, "shipped", "pallet 17").status());
        assertEquals(200, state(BACKEND, device, "activated", "first connection").status());
        Reply unknownState = state(BACKEND, device, "lost", "?");
        assertEquals(400, unknownState.status());
        assertEquals(400, send(BACKEND, "POST", "/v1/devices/" + device + "/state", "{\"state\":\"returned\",\"why\":\"x\"}").status());
        Reply record = send(BACKEND, "GET", "/v1/devices/" + device, null);
        assertEquals(200, record.status());
        assertEquals("activated", record.body().path("state").asText());
        JsonNode history = record.body().path("history");
        assertEquals(3, history.size(), record.body().toString());
        assertEquals(STATION, history.get(0).path("actor").asText());
        assertEquals("station", history.get(0).path("role").asText());
        assertTrue(history.get(0).path("reason").asText().startsWith("line evidence verified by the signer"),
                history.get(0).toString());
        assertEquals("backend", history.get(2).path("role").asText());
        assertEquals("first connection", history.get(2).path("reason").asText());
        assertEquals(POLICY, record.body().path("policy").asText());
        assertEquals(404, send(BACKEND, "GET", "/v1/devices/GW0000000000", null).status());
    }

    @Test
    void check_verdictsForActivatedProvisionedRevokedAndForeign() throws Exception {
        String active = newDevice();
        Path activeCert = issueNew(active);
        provisioned(active);
        state(BACKEND, active, "shipped", "shipped");
        state(BACKEND, active, "activated", "first connection");
        Reply allow = check(activeCert);
        assertEquals(200, allow.status(), allow.body().toString());
        assertEquals("allow", allow.body().path("verdict").asText(), allow.body().toString());
        assertEquals(true, allow.body().path("chain").path("valid").asBoolean());
        assertEquals("good", allow.body().path("revocation").path("status").asText());
        assertEquals(active, allow.body().path("device").path("device_id").asText());
        assertEquals("GW-100", allow.body().path("device").path("sku").asText());
        assertEquals(STATION, allow.body().path("device").path("station").asText());
        String fresh = newDevice();
        Reply provisioned = check(issueNew(fresh));
        assertEquals("deny", provisioned.body().path("verdict").asText());
        assertEquals("device " + fresh + " is issued; allowed states: activated", provisioned.body().path("reasons").get(0).asText());
        revoke(BACKEND, active, "cessation-of-operation");
        Reply revoked = check(activeCert);
        assertEquals("deny", revoked.body().path("verdict").asText());
        assertEquals("revoked", revoked.body().path("revocation").path("status").asText());
        assertEquals("cessation-of-operation", revoked.body().path("revocation").path("reason").asText());
        Reply foreign = check(TestFiles.write(dir, "station-ca.pem", dev.trustline.core.x509.Pem.encode(pki.stationCa)));
        assertEquals("deny", foreign.body().path("verdict").asText());
        assertTrue(foreign.body().path("device").isNull());
        Reply garbage = send(BACKEND, "POST", "/v1/devices/check", "{\"certificate\":\"not a certificate\"}");
        assertEquals(400, garbage.status(), garbage.body().toString());
    }

    @Test
    void reissue_refurbished_previousCertificateOnTheCrlAndDeniedByTheCheck() throws Exception {
        String device = newDevice();
        Path first = issueNew(device);
        provisioned(device);
        state(BACKEND, device, "shipped", "shipped");
        state(BACKEND, device, "activated", "first connection");
        state(BACKEND, device, "returned", "RMA 4711");
        ObjectNode line = (ObjectNode) JSON.readTree(FactorySimulator.batch("GW", Long.parseLong(device.substring(2, 11)), 1,
                "", "op-1").get(0));
        line.put("reissue", true);
        Path second = issue(line.toString(), device + "-reissued");
        assertEquals("refurbished", send(BACKEND, "GET", "/v1/devices/" + device, null).body().path("state").asText());
        Path crl = fetchCrl("after-reissue");
        TestFiles.Result old = verifyWithCrl(crl, first);
        assertEquals(2, old.code(), old.out());
        assertTrue(old.out().contains("certificate revoked"), old.out());
        assertEquals(0, verifyWithCrl(crl, second).code());
        String ocsp = ocsp(first);
        assertTrue(ocsp.contains(": revoked") && ocsp.contains("Reason: superseded"), ocsp);
        Reply check = check(first);
        assertEquals("deny", check.body().path("verdict").asText());
        assertEquals(false, check.body().path("current_certificate").asBoolean());
        JsonNode record = send(BACKEND, "GET", "/v1/devices/" + device, null).body();
        assertEquals(1, record.path("previous_certificates").size());
        assertEquals(true, record.path("previous_certificates").get(0).path("revoked").asBoolean());
    }

    @Test
    void crl_publishOnDemand_numbersGoUp_andUnknownPathsAre404() throws Exception {
        Reply one = send(BACKEND, "POST", "/v1/crl", "{}");
        Reply two = send(BACKEND, "POST", "/v1/crl", "{}");
        assertEquals(200, one.status(), one.body().toString());
        assertEquals(one.body().path("number").asLong() + 1, two.body().path("number").asLong());
        HttpResponse<String> missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + publicPort + "/crl/other.crl")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        HttpResponse<String> batches = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + publicPort + "/v1/batches/x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, batches.statusCode());
    }

    TestFiles.Result cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = dev.trustline.signer.cli.SignerCli.execute(args, new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true));
        return new TestFiles.Result(code, out + err.toString());
    }

    @Test
    void cli_revokeAndDeviceCommands_followTheSameRules() throws Exception {
        String device = newDevice();
        Path cert = issueNew(device);
        String config = dir.resolve("signer.yaml").toString();
        TestFiles.Result state = cli("device", "state", "--config", config, "--device", device);
        assertEquals(0, state.code(), state.out());
        assertEquals("issued (allowed next: provisioned, revoked, retired)", state.out().strip());
        TestFiles.Result skip = cli("device", "state", "--config", config, "--device", device, "--set", "shipped", "--reason", "x");
        assertEquals(1, skip.code());
        assertEquals("error: device " + device + " is issued; it cannot become shipped (allowed from issued: provisioned,"
                + " revoked, retired)", skip.out().strip());
        TestFiles.Result badReason = cli("revoke", "--config", config, "--device", device, "--reason", "stolen");
        assertEquals(2, badReason.code());
        assertTrue(badReason.out().startsWith("error: reason 'stolen' is not a device revocation reason"), badReason.out());
        assertEquals(2, cli("revoke", "--config", config, "--device", device, "--reason", "unspecified", "--force").code());
        TestFiles.Result revoked = cli("revoke", "--config", config, "--device", device, "--reason", "privilege-withdrawn",
                "--comment", "contract ended");
        assertEquals(0, revoked.code(), revoked.out());
        assertTrue(revoked.out().startsWith("device " + device + " revoked (privilege-withdrawn), was issued"), revoked.out());
        TestFiles.Result refused = verifyWithCrl(fetchCrl("after-cli-revoke"), cert);
        assertTrue(refused.out().contains("certificate revoked"), refused.out());
        TestFiles.Result history = cli("device", "history", "--config", config, "--device", device);
        assertTrue(history.out().contains("issued -> revoked  by backend cli:"), history.out());
        assertTrue(history.out().strip().endsWith("now: revoked"), history.out());
        TestFiles.Result show = cli("device", "show", "--config", config, "--device", device);
        assertEquals("revoked", JSON.readTree(show.out()).path("state").asText());
        assertEquals(1, cli("device", "show", "--config", config, "--device", "GW0000000000").code());
    }

    @Test
    void reissue_ofARevokedDevice_isRefused() throws Exception {
        String device = newDevice();
        issueNew(device);
        assertEquals(200, revoke(BACKEND, device, "key-compromise").status());
        ObjectNode line = (ObjectNode) JSON.readTree(FactorySimulator.batch("GW", Long.parseLong(device.substring(2, 11)), 1,
                "", "op-1").get(0));
        line.put("reissue", true);
        URI uri = URI.create("https://localhost:" + signer.server().port() + "/v1/batches?batch_id=revived-" + device
                + "&policy=" + POLICY);
        HttpResponse<String> r = client(STATION).send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(line.toString())).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode result = JSON.readTree(r.body()).path("results").get(0);
        assertEquals("refused", result.path("status").asText(), r.body());
        assertEquals("reissue-not-allowed", result.path("error").path("code").asText());
        assertEquals("re-issue of device " + device + " refused: it is revoked, and a revoked or retired device is never"
                + " issued again", result.path("error").path("message").asText());
    }

    @Test
    void backendCa_itsClientsAreTheBackendRole() throws Exception {
        String device = newDevice();
        issueNew(device);
        Reply read = send(SERVICE, "GET", "/v1/devices/" + device, null);
        assertEquals(200, read.status(), read.body().toString());
        assertEquals(device, read.body().path("device_id").asText());
        URI uri = URI.create("https://localhost:" + signer.server().port() + "/v1/batches?batch_id=by-service&policy=" + POLICY);
        HttpResponse<String> issue = client(SERVICE).send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(FactorySimulator.batch("GW", 998_000, 1, "", "op").get(0))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, issue.statusCode());
        assertTrue(JSON.readTree(issue.body()).path("error").asText().startsWith("backend client 'crm-service' lacks permission 'issue'"));
    }

    JsonNode postLine(String policy, String batch, String line) throws Exception {
        URI uri = URI.create("https://localhost:" + signer.server().port() + "/v1/batches?batch_id=" + batch + "&policy=" + policy);
        HttpResponse<String> r = client(STATION).send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("results").get(0);
    }

    @Test
    void provenance_fromTheLine_inTheRecord_andSpecVersionCheckedByThePolicy() throws Exception {
        String device = newDevice();
        ObjectNode line = (ObjectNode) JSON.readTree(FactorySimulator.batch("GW", Long.parseLong(device.substring(2, 11)), 1,
                "", "op-1").get(0));
        line.put("firmware_build", "fw-2.4.1+b77").put("manufactured_at", "2026-12-01T08:30:00Z");
        JsonNode refused = postLine(SPEC_POLICY, "spec-bad-" + device, line.put("spec_version", "prov-9").toString());
        assertEquals("spec-version-not-allowed", refused.path("error").path("code").asText(), refused.toString());
        assertEquals("spec_version 'prov-9' is not one policy spec-policy allows (allowed: prov-3, prov-4)",
                refused.path("error").path("message").asText());
        JsonNode issued = postLine(SPEC_POLICY, "spec-ok-" + device, line.put("spec_version", "prov-3").toString());
        assertEquals("issued", issued.path("status").asText(), issued.toString());
        JsonNode record = send(BACKEND, "GET", "/v1/devices/" + device, null).body();
        assertEquals("fw-2.4.1+b77", record.path("firmware_build").asText(), record.toString());
        assertEquals("prov-3", record.path("spec_version").asText());
        assertEquals("shenzhen-01", record.path("factory_site").asText());
        assertEquals("2026-12-01T08:30:00Z", record.path("manufactured_at").asText());
        assertTrue(signer.store().verifyLedger().ok(), signer.store().verifyLedger().toString());
    }
}
