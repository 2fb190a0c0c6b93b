package dev.trustline.station.provision;

import dev.trustline.station.protocol.DeviceAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What one provisioning run needs, validated by the command line: the device and its scanned label,
 * the signer and policy, who operates the jig, where job records go, the per-command timeout and the
 * roots a device certificate must chain to.
 */
public record Settings(String scannedId, DeviceAddress device, URI signer, String policy, String station,
                       String operator, String sku, String slot, Path jobs, Duration timeout,
                       List<X509CertificateHolder> trust) {

    public Settings {
        trust = List.copyOf(trust);
    }
}
