package dev.trustline.signer.access;

import java.util.Locale;
import java.util.Optional;

/**
 * The three kinds of client. A station's client certificate is issued by the station CA and its CN is a
 * station named by a policy. A backend (a service or an operator) has its own client certificate: issued by
 * the backend CA named in signer.yaml, or by the station CA with its CN listed under
 * {@code access.backend-clients}. A device presents its own certificate, issued by the signer's
 * intermediate; it may only re-enrol (when a policy offers an operational profile).
 */
public enum Role {
    STATION,
    BACKEND,
    /** A device in the field, by the certificate the issuing intermediate gave it (re-enrolment only). */
    DEVICE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromConfigName(String name) {
        for (Role r : values()) {
            if (r.configName().equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
