package dev.trustline.station.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.station.protocol.Challenge;
import dev.trustline.station.protocol.DeviceAddress;
import dev.trustline.station.protocol.DeviceClient;
import dev.trustline.station.provision.JobRecord;
import dev.trustline.station.signer.SignerClient;
import dev.trustline.station.signer.StationTls;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signer's side of step 8: it records a device as provisioned only on sound evidence from the
 * station the device was issued to, checks the challenge signature itself against its registry, and
 * answers a repeat with the first record (one ledger entry).
 */
class ProvisioningEvidenceTest extends LineHarness {
    static String id;
    static JobRecord record;
    static Sim sim;

    @BeforeAll
    static void issueOneDevice() throws Exception {
        id = newId();
        sim = sim(null, "no-debug-lock=1");
        Run run = provision(sim.address(), id);
        assertEquals("7-finalize", run.record().failure.step);
        record = run.record();
    }

    static SignerClient client(String station) throws Exception {
        return new SignerClient(URI.create(signerUrl()), StationTls.context(pki.station(station), pki.pass(), List.of(pki.root)), 1);
    }

    /** Evidence with a real challenge answered by the device. */
    static ObjectNode evidence() throws Exception {
        byte[] nonce = Challenge.nonce();
        String b64 = Base64.getEncoder().encodeToString(nonce);
        try (DeviceClient d = new DeviceClient(DeviceAddress.parse(sim.address()).open(Duration.ofSeconds(5)), Duration.ofSeconds(8))) {
            String sig = d.call("sign_challenge", DeviceClient.args().put("challenge", b64)).path("signature").asText();
            return JobRecord.JSON.createObjectNode().put("certificate_fingerprint_sha256", record.fingerprintSha256)
                    .put("challenge", b64).put("signature", sig).put("challenge_verified", true).put("debug_locked", true)
                    .put("self_test", "pass").put("firmware_build", "2.4.1+b907").put("firmware_sha256", "ab".repeat(32))
                    .put("hw_rev", "C").put("operator", "operator-07").put("station_time", "2026-12-04T00:00:00Z");
        }
    }

    @Test
    void evidence_fromAnotherStation_is403() throws Exception {
        SignerClient.Reply r = client("station-sz-02").reportProvisioning(id, evidence());
        assertEquals(403, r.status(), r.body().toString());
        assertTrue(r.error().contains("did not issue device"), r.error());
    }

    @Test
    void evidence_forAnotherCertificate_is409() throws Exception {
        SignerClient.Reply r = client(STATION).reportProvisioning(id, evidence().put("certificate_fingerprint_sha256", "00".repeat(32)));
        assertEquals(409, r.status(), r.body().toString());
    }

    @Test
    void evidence_withSignatureOverAnotherChallenge_is422() throws Exception {
        ObjectNode e = evidence();
        e.put("challenge", Base64.getEncoder().encodeToString(Challenge.nonce()));
        SignerClient.Reply r = client(STATION).reportProvisioning(id, e);
        assertEquals(422, r.status(), r.body().toString());
        assertTrue(r.error().contains("challenge signature does not verify"));
    }

    @Test
    void evidence_withDebugOpen_is422() throws Exception {
        SignerClient.Reply r = client(STATION).reportProvisioning(id, evidence().put("debug_locked", false));
        assertEquals(422, r.status());
    }

    @Test
    void evidence_withUnknownField_is400() throws Exception {
        SignerClient.Reply r = client(STATION).reportProvisioning(id, evidence().put("private_key", "x"));
        assertEquals(400, r.status());
        assertTrue(r.error().contains("unknown evidence field 'private_key'"));
    }

    @Test
    void evidence_forUnknownDevice_is404() throws Exception {
        SignerClient.Reply r = client(STATION).reportProvisioning(newId(), evidence());
        assertEquals(404, r.status());
    }

    @Test
    void evidence_sound_isRecordedOnceAndRepeatIsAnsweredWithTheFirstRecord() throws Exception {
        long entries = signer.store().verifyLedger().entries();
        SignerClient.Reply empty = client(STATION).reportProvisioning(id, JobRecord.JSON.createObjectNode());
        assertEquals(400, empty.status(), "an empty body is refused, not recorded");
        SignerClient.Reply first = client(STATION).reportProvisioning(id, evidence());
        assertEquals(200, first.status(), first.body().toString());
        assertEquals("provisioned", first.body().path("state").asText());
        SignerClient.Reply repeat = client(STATION).reportProvisioning(id, evidence());
        assertEquals(200, repeat.status());
        assertTrue(repeat.body().path("already_recorded").asBoolean());
        assertEquals(first.body().path("ledger_seq"), repeat.body().path("ledger_seq"));
        assertEquals(entries + 1, signer.store().verifyLedger().entries(), "one provisioned entry, whatever the repeats");
        assertTrue(signer.store().verifyLedger().ok());
    }
}
