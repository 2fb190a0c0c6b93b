package dev.trustline.signer.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.policy.Policy;
import dev.trustline.core.x509.Pem;
import dev.trustline.signer.ca.IssuingCa;
import dev.trustline.signer.ca.IssuingCaLoader;
import dev.trustline.signer.ca.SignedPolicies;
import dev.trustline.signer.config.LifecycleConfig;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.http.ClientRoles;
import dev.trustline.signer.http.LifecycleApi;
import dev.trustline.signer.lifecycle.DeviceCheck;
import dev.trustline.signer.lifecycle.DeviceLifecycle;
import dev.trustline.signer.revocation.DeviceRevocation;
import dev.trustline.signer.store.LifecycleStore;
import dev.trustline.signer.store.Store;
import java.net.URI;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * Builds the device API from the validated config, refusing to start when the pieces disagree: the backend
 * CA must be certified by the root, no backend client may also be a station of a policy, a policy's CRL URL
 * must be one this signer serves ({@code /crl/NAME.crl}) and needs the public listener, as does an OCSP URL.
 */
final class LifecycleWiring {
    private LifecycleWiring() {
    }

    static X509CertificateHolder backendCa(SignerConfig c, IssuingCa ca) throws TrustLineException {
        if (c.lifecycle().backendCa() == null) {
            return null;
        }
        X509CertificateHolder backend = Pem.certificate(c.lifecycle().backendCa());
        if (!IssuingCaLoader.verifies(backend, ca.root())) {
            throw new TrustLineException(c.lifecycle().backendCa() + " (" + backend.getSubject()
                    + ") is not certified by the root " + ca.root().getSubject());
        }
        return backend;
    }

    /** The intermediate, as a TLS client issuer, when a loaded policy lets devices re-enrol; else null. */
    static X509CertificateHolder deviceIssuer(SignedPolicies policies, IssuingCa ca) {
        return policies.all().stream().anyMatch(p -> p.operationalProfile().isPresent()) ? ca.intermediate() : null;
    }

    static LifecycleApi api(SignerConfig c, IssuingCa ca, SignedPolicies policies, Store store,
            X509CertificateHolder backendCa, Clock clock) throws TrustLineException {
        LifecycleConfig l = c.lifecycle();
        for (Policy p : policies.all()) {
            for (String client : l.backendClients()) {
                if (p.allowsStation(client)) {
                    throw new TrustLineException("access.backend-clients names '" + client + "', which policy " + p.id()
                            + " names as a station: one client certificate cannot be both roles");
                }
            }
        }
        LifecycleStore devices = new LifecycleStore(store);
        DeviceRevocation revocation = new DeviceRevocation(ca, devices, l.crlValidity(), l.crlRefresh(),
                l.ocspValidity(), clock);
        DeviceLifecycle lifecycle = new DeviceLifecycle(devices, l.rules(), clock);
        DeviceCheck check = new DeviceCheck(revocation, devices, l.allowStates(), clock);
        ClientRoles roles = new ClientRoles(certificate(backendCa), l.backendClients(), certificate(deviceIssuer(policies, ca)));
        return new LifecycleApi(lifecycle, check, revocation, devices, store, l.rules(), roles,
                crlNames(policies, ca, l.publicHost() != null));
    }

    private static List<String> crlNames(SignedPolicies policies, IssuingCa ca, boolean publicListener)
            throws TrustLineException {
        List<String> names = new ArrayList<>(List.of(ca.fingerprint()));
        for (Policy p : policies.all()) {
            String crl = p.revocation().crlUrl();
            if ((crl != null || p.revocation().ocspUrl() != null) && !publicListener) {
                throw new TrustLineException("policy " + p.id() + " puts CRL/OCSP URLs in device certificates, but"
                        + " signer.yaml has no revocation.public-listen to serve them");
            }
            if (crl != null) {
                String path = URI.create(crl).getPath();
                if (path == null || !path.matches("/crl/[A-Za-z0-9._-]+\\.crl")) {
                    throw new TrustLineException("policy " + p.id() + ": crl-url " + crl
                            + " is not a path this signer serves (/crl/NAME.crl)");
                }
                names.add(path.substring(5, path.length() - 4));
            }
        }
        return names;
    }

    private static java.security.cert.X509Certificate certificate(X509CertificateHolder h) throws TrustLineException {
        try {
            return h == null ? null : new JcaX509CertificateConverter().getCertificate(h);
        } catch (CertificateException e) {
            throw new TrustLineException("cannot read the backend CA certificate: " + e.getMessage(), e);
        }
    }
}
