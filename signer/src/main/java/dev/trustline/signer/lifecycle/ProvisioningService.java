package dev.trustline.signer.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.signer.access.Actor;
import dev.trustline.signer.access.Forbidden;
import dev.trustline.signer.access.Role;
import dev.trustline.signer.store.DeviceRecord;
import dev.trustline.signer.store.DeviceState;
import dev.trustline.signer.store.LifecycleStore;
import dev.trustline.signer.store.TransitionRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * A station's line evidence for one of its devices (issue 13, {@code POST /v1/devices/ID/provisioning}):
 * accepted only for the device's current certificate, with the debug port locked, the self-test passed
 * and a challenge signature that verifies against the certificate in the registry (the signer checks the
 * proof itself instead of taking the station's word). Then {@link DeviceLifecycle} moves the device to
 * provisioned (permission, own device, allowed transition, ledger entry with the evidence). A repeat for
 * a device already provisioned with the same certificate is answered with the first record.
 */
public final class ProvisioningService {
    /** What the device signs: this prefix and the challenge bytes (runbooks/device-protocol.md). */
    static final byte[] PREFIX = "trustline-challenge-v1:".getBytes(StandardCharsets.US_ASCII);
    static final String REASON = "line evidence verified by the signer: challenge-response, debug lock, self-test";

    /** What the station reported. */
    public record Evidence(String fingerprint, String challenge, String signature, boolean debugLocked, String selfTest,
                           ObjectNode all) {
    }

    /** The recorded transition, and whether this request found it already there. */
    public record Outcome(TransitionRecord transition, boolean alreadyRecorded) {
    }

    private final DeviceLifecycle lifecycle;
    private final LifecycleStore devices;

    public ProvisioningService(DeviceLifecycle lifecycle, LifecycleStore devices) {
        this.lifecycle = lifecycle;
        this.devices = devices;
    }

    public Outcome record(Actor actor, String deviceId, Evidence e) throws TrustLineException {
        DeviceRecord device = devices.device(deviceId).orElseThrow(() ->
                new TransitionRefused(404, "no device '" + deviceId + "' in the registry"));
        if (actor.role() == Role.STATION && !device.station().equals(actor.name())) {
            throw new Forbidden("station '" + actor.name() + "' did not issue device " + deviceId
                    + "; a station reports evidence only for its own devices");
        }
        if (!device.fingerprintSha256().equals(e.fingerprint())) {
            throw new TransitionRefused(409, "certificate " + e.fingerprint() + " is not device " + deviceId + "'s current certificate");
        }
        if (!e.debugLocked() || !"pass".equals(e.selfTest())) {
            throw new TransitionRefused(422, "a device is provisioned only with debug locked and the self-test passed");
        }
        if (!verifies(device.certificateDer(), e.challenge(), e.signature())) {
            throw new TransitionRefused(422, "the challenge signature does not verify with device " + deviceId + "'s certificate");
        }
        if (device.state() == DeviceState.PROVISIONED) {
            List<TransitionRecord> history = devices.transitions(deviceId);
            for (int i = history.size() - 1; i >= 0; i--) {
                TransitionRecord t = history.get(i);
                if (t.to() == DeviceState.PROVISIONED && t.fingerprintSha256().equals(e.fingerprint())) {
                    return new Outcome(t, true);
                }
            }
        }
        return new Outcome(lifecycle.provisioned(actor, deviceId, REASON, e.all()), false);
    }

    static boolean verifies(byte[] certificateDer, String challengeB64, String signatureB64) throws TrustLineException {
        try {
            byte[] challenge = Base64.getDecoder().decode(challengeB64);
            if (challenge.length < 16 || challenge.length > 64) {
                return false;
            }
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificateDer));
            Signature v = Signature.getInstance("SHA256withECDSA");
            v.initVerify(cert.getPublicKey());
            v.update(PREFIX);
            v.update(challenge);
            return v.verify(Base64.getDecoder().decode(signatureB64));
        } catch (IllegalArgumentException | java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new TrustLineException("cannot check a challenge signature: " + e.getMessage(), e);
        }
    }
}
