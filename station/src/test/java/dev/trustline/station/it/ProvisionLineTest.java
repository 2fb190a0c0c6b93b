package dev.trustline.station.it;

import dev.trustline.signer.it.SignerFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.signer.store.DeviceState;
import dev.trustline.signer.store.LifecycleStore;
import dev.trustline.signer.store.DeviceRecord;
import dev.trustline.station.provision.JobRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The whole line flow against the real signer, through simulated devices: the happy path checked with
 * openssl and pkcs11-tool, then one test per failure the station must catch, each at the right step,
 * with nothing certified twice, and (for transient faults) a re-run of the same command completing.
 */
class ProvisionLineTest extends LineHarness {

    @Test
    void provision_goodDevice_isProvisionedAndVerifiedBySigner() throws Exception {
        String id = newId();
        Sim sim = sim(null);
        Run run = provision(sim.address(), id);
        assertEquals(0, run.exit(), run.out() + run.err());
        JobRecord r = run.record();
        assertEquals(JobRecord.PROVISIONED, r.state);
        assertEquals(List.of("1-read-id", "2-generate-key", "3-issue", "4-write-certs", "5-challenge", "6-self-test",
                "7-finalize", "8-report"), List.copyOf(r.steps.keySet()));
        assertTrue(r.steps.get("5-challenge").evidence.path("verified").asBoolean());
        assertEquals(STATION, r.station);
        DeviceRecord registry = signer.store().device(id).orElseThrow();
        assertEquals(r.fingerprintSha256, registry.fingerprintSha256());
        assertEquals(DeviceState.PROVISIONED, new LifecycleStore(signer.store()).device(id).orElseThrow().state(), r.steps.get("8-report").evidence.toString());
        assertTrue(signer.store().verifyLedger().ok(), "ledger with the provisioned entry verifies");
        // outside tools: the certificate chains (openssl), the key never left the secure element (pkcs11-tool)
        Path crt = dir.resolve(id + ".crt");
        Files.writeString(crt, r.certificate);
        assertEquals(0, exec("openssl", "verify", "-CAfile", dir.resolve("certs/root.pem").toString(), "-untrusted",
                dir.resolve("certs/intermediate.pem").toString(), crt.toString()));
        String objects = pkcs11Objects(sim);
        assertTrue(objects.contains("never extractable"), objects);
        // the station log: IDs, fingerprints, results; no certificate, CSR or key material
        String log = Files.readString(jobs().resolve("station.log"));
        assertTrue(log.contains(id) && log.contains(r.fingerprintSha256));
        assertFalse(log.contains("-----BEGIN"));
        // a re-run of a provisioned device changes nothing
        Run again = provision(sim.address(), id);
        assertEquals(0, again.exit());
        assertTrue(again.out().contains("already provisioned"), again.out());
        assertTrue(signer.store().history(id).isEmpty());
    }

    @Test
    void provision_deviceWithoutId_getsScannedIdWritten() throws Exception {
        String id = newId();
        Sim sim = sim(null);
        assertEquals(0, provision(sim.address(), id).exit());
        assertEquals(id, sim.device().deviceId());
    }

    @Test
    void provision_swappedId_failsAtReadIdAndNothingIsIssued() throws Exception {
        String id = newId();
        Run run = provision(sim(id, "swapped-id").address(), id);
        assertFailed(run, "1-read-id", "id-mismatch");
        assertTrue(run.record().failure.evidence.path("read_back_id").asText().length() > 0);
        assertTrue(signer.store().device(id).isEmpty(), "nothing certified for a device that is not the one scanned");
    }

    @Test
    void provision_labelOfAnotherDevice_failsAtReadId() throws Exception {
        String onDevice = newId();
        String scanned = newId();
        assertFailed(provision(sim(onDevice).address(), scanned), "1-read-id", "id-mismatch");
        assertTrue(signer.store().device(scanned).isEmpty() && signer.store().device(onDevice).isEmpty());
    }

    @Test
    void provision_lostWrite_failsAtWriteThenRerunCompletesWithOneCertificate() throws Exception {
        String id = newId();
        Sim sim = sim(null, "lose-write=1");
        assertFailed(provision(sim.address(), id), "4-write-certs", "readback-mismatch");
        assertRerunCompletes(sim, id);
    }

    @Test
    void provision_wrongCertificateSlot_failsAtWriteThenRerunCompletes() throws Exception {
        String id = newId();
        Sim sim = sim(null, "wrong-cert-slot=1");
        assertFailed(provision(sim.address(), id), "4-write-certs", "readback-mismatch");
        assertRerunCompletes(sim, id);
    }

    @Test
    void provision_deviceSignsWithWrongKeySlot_failsAtChallengeAndIsNotProvisioned() throws Exception {
        String id = newId();
        Sim sim = sim(null, "wrong-key-slot");
        Run run = provision(sim.address(), id);
        assertFailed(run, "5-challenge", "challenge-failed");
        assertNotNull(run.record().failure.evidence.path("challenge").asText(null));
        assertTrue(signer.store().device(id).isPresent(), "issued, but ...");
        assertEquals(DeviceState.ISSUED, new LifecycleStore(signer.store()).device(id).orElseThrow().state(), "... never provisioned");
        assertFailed(provision(sim.address(), id), "5-challenge", "challenge-failed");
        assertTrue(signer.store().history(id).isEmpty(), "the re-run issued nothing new");
    }

    @Test
    void provision_debugLockFails_failsAtFinalize() throws Exception {
        String id = newId();
        Run run = provision(sim(null, "no-debug-lock").address(), id);
        assertFailed(run, "7-finalize", "debug-not-locked");
        assertFalse(run.record().failure.evidence.path("debug_locked").asBoolean(true));
        assertEquals(DeviceState.ISSUED, new LifecycleStore(signer.store()).device(id).orElseThrow().state());
    }

    @Test
    void provision_selfTestFails_failsAtSelfTest() throws Exception {
        String id = newId();
        Sim sim = sim(null, "self-test-fail=1");
        assertFailed(provision(sim.address(), id), "6-self-test", "self-test-failed");
        assertRerunCompletes(sim, id);
    }

    @Test
    void provision_deviceTimesOutDuringKeyGeneration_rerunReusesTheKey() throws Exception {
        String id = newId();
        Sim sim = sim(null, "timeout@generate_key=1");
        timeout = "1500ms";
        try {
            assertFailed(provision(sim.address(), id), "2-generate-key", "timeout");
        } finally {
            timeout = "8s";
        }
        Run again = assertRerunCompletes(sim, id);
        assertFalse(again.record().steps.get("2-generate-key").evidence.path("created").asBoolean(true),
                "the key made before the timeout is the one certified");
    }

    @Test
    void provision_deviceRebootsMidWrite_failsAtWriteThenRerunCompletes() throws Exception {
        String id = newId();
        Sim sim = sim(null, "reboot@write_certs=1");
        Run run = provision(sim.address(), id);
        assertFailed(run, "4-write-certs", "disconnected");
        assertRerunCompletes(sim, id);
    }

    @Test
    void provision_deviceRebootsDuringFinalize_rerunCompletes() throws Exception {
        String id = newId();
        Sim sim = sim(null, "reboot@finalize=1");
        assertFailed(provision(sim.address(), id), "7-finalize", "disconnected");
        assertRerunCompletes(sim, id);
    }

    @Test
    void provision_jobRecordLostAfterIssue_rerunGetsTheSameCertificateBack() throws Exception {
        String id = newId();
        Sim sim = sim(null, "lose-write=1");
        Run first = provision(sim.address(), id);
        assertFailed(first, "4-write-certs", "readback-mismatch");
        Files.delete(jobs().resolve(id + ".json"));
        Run again = provision(sim.address(), id);
        assertEquals(0, again.exit(), again.out());
        assertEquals(first.record().fingerprintSha256, again.record().fingerprintSha256, "the signer replayed, not re-issued");
        assertTrue(signer.store().history(id).isEmpty());
    }

    @Test
    void provision_secondDeviceWithTheSameLabel_failsTheRecheckAndTheFirstStaysProvisioned() throws Exception {
        String id = newId();
        assertEquals(0, provision(sim(null).address(), id).exit());
        String fingerprint = signer.store().device(id).orElseThrow().fingerprintSha256();
        Sim clone = sim(id);
        Run run = provision(clone.address(), id);
        assertEquals(4, run.exit(), run.out());
        assertTrue(run.out().contains("FAILED the re-check at 2-generate-key (not-finalized)"), run.out());
        assertEquals(JobRecord.PROVISIONED, run.record().state, "the first device stays provisioned");
        assertFalse(Files.readString(clone.state().resolve("device.json")).contains("BEGIN CERTIFICATE"), "nothing written to the clone");
        assertEquals(fingerprint, signer.store().device(id).orElseThrow().fingerprintSha256());
    }

    @Test
    void provision_sameIdOnAnotherStationsJig_isRefusedBySignerAtIssue() throws Exception {
        String id = newId();
        assertEquals(0, provision(sim(null).address(), id).exit());
        jobsName = "other-jobs";
        try {
            Run run = provision(sim(id).address(), id);
            assertFailed(run, "3-issue", "issue-refused");
            assertEquals("duplicate-device", run.record().failure.evidence.path("error_code").asText());
        } finally {
            jobsName = "jobs";
        }
        assertTrue(signer.store().history(id).isEmpty(), "one certificate per device ID, never a second");
    }

    @Test
    void provision_deviceLosesItsKeyAfterIssue_failsAtGenerateKeyAndNothingIsIssuedAgain() throws Exception {
        String id = newId();
        Sim sim = sim(null, "lose-write=1", "lose-key=1");
        Run first = provision(sim.address(), id);
        assertFailed(first, "4-write-certs", "readback-mismatch");
        Run again = provision(sim.address(), id);
        assertFailed(again, "2-generate-key", "key-changed");
        assertTrue(again.record().failure.message.contains(first.record().serial), again.record().failure.message);
        assertEquals(first.record().fingerprintSha256, signer.store().device(id).orElseThrow().fingerprintSha256());
        assertTrue(signer.store().history(id).isEmpty(), "the new key got no second certificate");
    }

    @Test
    void provision_unreachableDevice_failsAtReadId() throws Exception {
        String id = newId();
        assertFailed(provision("tcp://127.0.0.1:1", id), "1-read-id", "unreachable");
    }

    @Test
    void provision_badOptions_exitWithOneLine() throws Exception {
        Run unknown = run(List.of("provision", "--bogus"), "x");
        assertEquals(2, unknown.exit());
        Run badDevice = provision("usb://x", newId());
        assertEquals(1, badDevice.exit());
        assertTrue(badDevice.err().startsWith("error: --device usb://x"), badDevice.err());
        assertEquals(1, badDevice.err().strip().lines().count());
    }

    // ------------------------------------------------------------------ helpers

    static void assertFailed(Run run, String step, String code) {
        assertEquals(4, run.exit(), run.out() + run.err());
        assertEquals(JobRecord.FAILED, run.record().state);
        assertEquals(step, run.record().failure.step, run.out());
        assertEquals(code, run.record().failure.code, run.record().failure.message);
        assertTrue(run.out().contains("FAILED at " + step), run.out());
    }

    static Run assertRerunCompletes(Sim sim, String id) throws Exception {
        Run again = provision(sim.address(), id);
        assertEquals(0, again.exit(), again.out() + again.err());
        assertEquals(JobRecord.PROVISIONED, again.record().state);
        assertNull(again.record().failure);
        assertEquals(again.record().fingerprintSha256, signer.store().device(id).orElseThrow().fingerprintSha256());
        assertTrue(signer.store().history(id).isEmpty(), "one certificate for the device, never a second");
        return again;
    }

    static int exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        if (p.exitValue() != 0) {
            System.err.println(out);
        }
        return p.exitValue();
    }

    static String pkcs11Objects(Sim sim) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("pkcs11-tool", "--module", SignerFixture.MODULE.toString(), "--token-label",
                sim.device().tokenLabel(), "--login", "--pin", "env:SE_PIN", "--list-objects", "--type", "privkey");
        pb.environment().put("SE_PIN", Files.readString(sim.state().resolve("secure-element.pin")).strip());
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
