package dev.trustline.signer.lifecycle;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.x509.Digests;
import dev.trustline.signer.revocation.DeviceRevocation;
import dev.trustline.signer.revocation.SerialStatus;
import dev.trustline.signer.store.DeviceRecord;
import dev.trustline.signer.store.DeviceState;
import dev.trustline.signer.store.LifecycleStore;
import dev.trustline.signer.store.Provenance;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * The backend's check of a device certificate presented at first connection: is the chain valid to the
 * trusted root now, is the certificate revoked, which registry record holds it (and is it that device's
 * current certificate), what lifecycle state is the device in, and so: allow (only for the configured
 * states) or deny, with every reason for a deny.
 */
public final class DeviceCheck {
    /** The answer; {@code device} and {@code provenance} are empty when the registry does not hold the certificate. */
    public record Result(boolean allow, List<String> reasons, boolean chainValid, String chainProblem,
            SerialStatus revocation, Optional<DeviceRecord> device, Optional<Provenance> provenance,
            boolean currentCertificate, String fingerprint) {
    }

    private final X509CertificateHolder root;
    private final X509CertificateHolder intermediate;
    private final LifecycleStore store;
    private final DeviceRevocation revocation;
    private final Set<DeviceState> allow;
    private final Clock clock;

    public DeviceCheck(DeviceRevocation revocation, LifecycleStore store, Set<DeviceState> allow, Clock clock) {
        this.root = revocation.ca().root();
        this.intermediate = revocation.ca().intermediate();
        this.store = store;
        this.revocation = revocation;
        this.allow = Set.copyOf(allow);
        this.clock = clock;
    }

    /** @param presented the device's certificate first, then any chain it sent (the intermediate is added if missing) */
    public Result check(List<X509CertificateHolder> presented) throws TrustLineException {
        X509CertificateHolder leaf = presented.get(0);
        String fingerprint = fingerprint(leaf);
        String chainProblem = chainProblem(presented);
        SerialStatus status = leaf.getIssuer().equals(intermediate.getSubject())
                ? revocation.status(leaf.getSerialNumber()) : SerialStatus.UNKNOWN;
        Optional<DeviceRecord> device = store.deviceByFingerprint(fingerprint);
        boolean current = device.isPresent();
        if (device.isEmpty()) {
            device = store.deviceWithPrevious(fingerprint);
        }
        List<String> reasons = new ArrayList<>();
        if (chainProblem != null) {
            reasons.add("the chain does not verify to the trusted root: " + chainProblem);
        }
        if (status.kind() == SerialStatus.Kind.REVOKED) {
            reasons.add("the certificate is revoked (" + status.reason().configName() + ", " + status.revokedAt() + ")");
        } else if (status.kind() == SerialStatus.Kind.UNKNOWN) {
            reasons.add("the registry holds no certificate with this issuer and serial");
        }
        if (device.isPresent() && !current) {
            reasons.add("device " + device.get().deviceId() + " holds a newer certificate (this one was replaced)");
        }
        if (device.isPresent() && !allow.contains(device.get().state())) {
            reasons.add("device " + device.get().deviceId() + " is " + device.get().state().code()
                    + "; allowed states: " + String.join(", ", allow.stream().sorted().map(DeviceState::code).toList()));
        }
        Optional<Provenance> provenance = device.isPresent() ? store.provenance(device.get().deviceId()) : Optional.empty();
        return new Result(reasons.isEmpty(), List.copyOf(reasons), chainProblem == null, chainProblem, status, device,
                provenance, current, fingerprint);
    }

    private String chainProblem(List<X509CertificateHolder> presented) {
        try {
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
            List<X509Certificate> path = new ArrayList<>();
            for (X509CertificateHolder c : presented) {
                if (!c.equals(root)) {
                    path.add(conv.getCertificate(c));
                }
            }
            if (presented.stream().noneMatch(intermediate::equals) && presented.size() == 1
                    && presented.get(0).getIssuer().equals(intermediate.getSubject())) {
                path.add(conv.getCertificate(intermediate));
            }
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(conv.getCertificate(root), null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path),
                    params);
            return null;
        } catch (CertPathValidatorException e) {
            return e.getMessage();
        } catch (GeneralSecurityException e) {
            return "cannot build the path (" + e.getMessage() + ")";
        }
    }

    private static String fingerprint(X509CertificateHolder cert) throws TrustLineException {
        try {
            return Digests.sha256Hex(cert.getEncoded());
        } catch (IOException e) {
            throw new TrustLineException("cannot encode the presented certificate", e);
        }
    }
}
