package dev.trustline.signer.issuance;

import dev.trustline.core.TrustLineException;
import dev.trustline.signer.store.DeviceRecord;
import dev.trustline.signer.store.ProvisioningRecords;
import dev.trustline.signer.store.Store;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * A station's line evidence for one of its devices (issue 13): accepted only from the station that
 * the device was issued to, for the device's current certificate, with the debug port locked and the
 * self-test passed, and with a challenge signature that verifies against the certificate in the
 * registry (the signer checks the proof itself instead of trusting the station's word). Recording it
 * moves the device from issued to provisioned, once; a repeat is answered with the first record.
 */
public final class ProvisioningService {
    /** What the device signs: this prefix and the challenge bytes (runbooks/device-protocol.md). */
    static final byte[] PREFIX = "trustline-challenge-v1:".getBytes(StandardCharsets.US_ASCII);

    private final Store store;
    private final ProvisioningRecords records;
    private final Clock clock;

    public ProvisioningService(Store store, Clock clock) throws TrustLineException {
        this.store = store;
        this.records = new ProvisioningRecords(store);
        this.clock = clock;
    }

    public ProvisioningRecords.Recorded record(ProvisioningRecords.Evidence e) throws TrustLineException {
        DeviceRecord device = store.device(e.deviceId()).orElseThrow(() ->
                new BatchRejected(404, "device " + e.deviceId() + " has no certificate in the registry"));
        if (!device.station().equals(e.station())) {
            throw new BatchRejected(403, "device " + e.deviceId() + " was not issued to this station");
        }
        if (!device.fingerprintSha256().equals(e.fingerprint())) {
            throw new BatchRejected(409, "certificate " + e.fingerprint() + " is not device " + e.deviceId() + "'s current certificate");
        }
        if (!e.debugLocked() || !"pass".equals(e.selfTest())) {
            throw new BatchRejected(422, "a device is provisioned only with debug locked and the self-test passed");
        }
        if (!verifies(device.certificateDer(), e.challenge(), e.signature())) {
            throw new BatchRejected(422, "the challenge signature does not verify with device " + e.deviceId() + "'s certificate");
        }
        Optional<ProvisioningRecords.Recorded> r = records.record(e, clock.instant());
        return r.orElseThrow(() -> new BatchRejected(409, "device " + e.deviceId() + "'s certificate changed meanwhile"));
    }

    public Optional<ProvisioningRecords.Recorded> find(String deviceId) throws TrustLineException {
        return records.find(deviceId);
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
