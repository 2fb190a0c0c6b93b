package dev.trustline.signer.http;

import dev.trustline.core.TrustLineException;
import java.security.cert.X509Certificate;
import org.eclipse.jetty.server.Request;

/** The certificate a device authenticated with, once its role is checked to allow re-enrolment (else a 403). */
@FunctionalInterface
interface DeviceIdentity {
    X509Certificate of(Request request) throws TrustLineException;
}
