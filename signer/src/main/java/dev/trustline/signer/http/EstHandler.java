package dev.trustline.signer.http;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.policy.LeafKeyType;
import dev.trustline.core.policy.Policy;
import dev.trustline.signer.issuance.BatchRejected;
import dev.trustline.signer.issuance.LineResult;
import dev.trustline.signer.issuance.SingleEnrolment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.security.cert.X509Certificate;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.est.AttrOrOID;
import org.bouncycastle.asn1.est.CsrAttrs;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.CollectionStore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * EST (RFC 7030) on the mTLS listener: {@code /.well-known/est[/<policy>]/cacerts|simpleenroll|csrattrs}.
 * A thin adapter: the CSR goes through {@link SingleEnrolment}, i.e. the batch path with its policy
 * checks, limits, registry and ledger. Responses are base64 DER as the RFC says; errors are one plain
 * text line with the status the batch API would give (a refused device is 400/403/409, a rate limit a
 * 202 with Retry-After, an unavailable HSM or database a 503 with Retry-After).
 */
final class EstHandler {
    static final String PREFIX = "/.well-known/est/";
    private static final long MAX_CSR_BYTES = 64 * 1024;
    /** 64-character lines ending in LF: what RFC 7030 clients decode and what `base64 -d` in a shell takes too. */
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private final SingleEnrolment enrolment;
    private final StationIdentity stations;
    private final DeviceIdentity devices;
    private final java.util.function.Supplier<Admission> admission;
    private final List<X509CertificateHolder> chain;

    EstHandler(SingleEnrolment enrolment, List<X509CertificateHolder> chain, StationIdentity stations, DeviceIdentity devices,
               java.util.function.Supplier<Admission> admission) {
        this.stations = stations;
        this.devices = devices;
        this.admission = admission;
        this.enrolment = enrolment;
        this.chain = List.copyOf(chain);
    }

    /** The operation and the label (the policy id) of an EST path; the label is null when absent. */
    record Target(String label, String operation) {
        static Target of(String path) throws BatchRejected {
            String rest = path.substring(PREFIX.length());
            String[] parts = rest.split("/", -1);
            if (parts.length == 1) {
                return new Target(null, parts[0]);
            }
            if (parts.length == 2 && parts[0].matches("[A-Za-z0-9._-]{1,128}")) {
                return new Target(parts[0], parts[1]);
            }
            throw new BatchRejected(404, "no such EST path: " + path);
        }
    }

    /** Answers every EST request; errors are one text line (EST clients show the body to their user). */
    void serve(Request request, Response response, Callback callback) {
        try {
            handle(request, response, callback);
        } catch (BatchRejected e) {
            text(response, callback, e.status(), e.getMessage());
        } catch (dev.trustline.signer.access.Forbidden e) {
            text(response, callback, 403, e.getMessage());
        } catch (TrustLineException e) {
            String id = Failures.log("EST " + Request.getPathInContext(request), e);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(Failures.RETRY_AFTER_SECONDS));
            text(response, callback, 503, "the signer cannot complete the request now; retry later (request id " + id + ")");
        } catch (RuntimeException e) {
            String id = Failures.log("EST " + Request.getPathInContext(request), e);
            text(response, callback, 500, "internal error (request id " + id + ")");
        }
    }

    private void handle(Request request, Response response, Callback callback) throws TrustLineException {
        Target target = Target.of(Request.getPathInContext(request));
        String method = request.getMethod();
        switch (target.operation() + " " + method) {
            case "cacerts GET" -> base64(response, callback, 200, "application/pkcs7-mime", certsOnly(chain));
            case "csrattrs GET" -> base64(response, callback, 200, "application/csrattrs", csrAttrs(policy(request, target)));
            case "simpleenroll POST" -> enroll(request, response, callback, target);
            case "simplereenroll POST" -> reenroll(request, response, callback, target);
            default -> throw new BatchRejected(404, "no such EST operation: " + method + " " + target.operation());
        }
    }

    private static void requirePkcs10(Request request) throws BatchRejected {
        String type = String.valueOf(request.getHeaders().get(HttpHeader.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/pkcs10")) {
            throw new BatchRejected(415, "EST enrolment takes Content-Type application/pkcs10 (a base64 DER PKCS#10 request)");
        }
    }

    private void enroll(Request request, Response response, Callback callback, Target target) throws TrustLineException {
        requirePkcs10(request);
        String station = stations.of(request);
        Policy policy = policy(request, target);
        PKCS10CertificationRequest csr = csr(request);
        LineResult r;
        try (Admission.Ticket admitted = admission.get().enter(station)) {
            r = enrolment.enrol(SingleEnrolment.Door.EST, station, policy.id(), csr);
        }
        answer(response, callback, r);
    }

    private void answer(Response response, Callback callback, LineResult r) throws BatchRejected {
        switch (r.status()) {
            case ISSUED -> base64(response, callback, 200, "application/pkcs7-mime; smime-type=certs-only",
                    certsOnly(List.of(certificate(r.certificateDer()))));
            case RETRY -> {
                long seconds = r.retryAfter() == null ? 5 : Math.max(1, (r.retryAfter().toMillis() + 999) / 1000);
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(seconds));
                boolean unavailable = r.code() != null && r.code().endsWith("-unavailable");
                text(response, callback, unavailable ? 503 : 202, r.code() + ": " + r.message());
            }
            default -> text(response, callback, refusalStatus(r.code()), r.code() + ": " + r.message());
        }
    }

    /** A device renews with its current certificate (TLS client authentication): the policy's operational profile. */
    private void reenroll(Request request, Response response, Callback callback, Target target) throws TrustLineException {
        requirePkcs10(request);
        X509Certificate presented = devices.of(request);
        PKCS10CertificationRequest csr = csr(request);
        LineResult r;
        try (Admission.Ticket admitted = admission.get().enter("device:" + presented.getSubjectX500Principal().getName())) {
            r = enrolment.reenrol(SingleEnrolment.Door.EST, presented, target.label(), csr);
        }
        answer(response, callback, r);
    }

    /** The HTTP status for a refused device, by the line code the batch API reports. */
    static int refusalStatus(String code) {
        return switch (code == null ? "" : code) {
            case "duplicate-device", "key-reuse" -> 409;
            case "over-quota", "reissue-not-allowed", "station-not-allowed", "device-revoked" -> 403;
            default -> 400;
        };
    }

    private Policy policy(Request request, Target target) throws TrustLineException {
        String label = target.label();
        if (label == null) {
            List<String> mine = enrolment.policiesFor(stations.of(request));
            if (mine.size() != 1) {
                throw new BatchRejected(404, "name the policy as the EST label (/.well-known/est/<policy>/...): this station may use "
                        + (mine.isEmpty() ? "no policy" : String.join(", ", mine)));
            }
            label = mine.get(0);
        }
        String id = label;
        return enrolment.policy(id).orElseThrow(() -> new BatchRejected(404, "no policy '" + id + "' is loaded on this signer"));
    }

    private static PKCS10CertificationRequest csr(Request request) throws BatchRejected {
        byte[] body = Bodies.read(request, MAX_CSR_BYTES);
        try {
            return new PKCS10CertificationRequest(Base64.getMimeDecoder().decode(body));
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new BatchRejected(400, "the body is not a base64 DER PKCS#10 certificate request");
        }
    }

    /** The key types and signature algorithms the policy accepts, as RFC 7030 section 4.5.2 lists them. */
    static byte[] csrAttrs(Policy policy) throws BatchRejected {
        List<AttrOrOID> attrs = new ArrayList<>();
        for (LeafKeyType t : policy.keyTypeRule().allowed()) {
            switch (t) {
                case ECDSA_P256 -> {
                    attrs.add(ecKey(SECObjectIdentifiers.secp256r1));
                    attrs.add(new AttrOrOID(X9ObjectIdentifiers.ecdsa_with_SHA256));
                }
                case ECDSA_P384 -> {
                    attrs.add(ecKey(SECObjectIdentifiers.secp384r1));
                    attrs.add(new AttrOrOID(X9ObjectIdentifiers.ecdsa_with_SHA384));
                }
                case ED25519 -> attrs.add(new AttrOrOID(org.bouncycastle.asn1.edec.EdECObjectIdentifiers.id_Ed25519));
                default -> attrs.add(new AttrOrOID(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.sha256WithRSAEncryption));
            }
        }
        try {
            return new CsrAttrs(attrs.stream().distinct().toArray(AttrOrOID[]::new)).getEncoded("DER");
        } catch (IOException e) {
            throw new BatchRejected(500, "cannot encode the CSR attributes");
        }
    }

    private static AttrOrOID ecKey(ASN1ObjectIdentifier curve) {
        return new AttrOrOID(new Attribute(X9ObjectIdentifiers.id_ecPublicKey, new DERSet(curve)));
    }

    static byte[] certsOnly(List<X509CertificateHolder> certs) throws BatchRejected {
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addCertificates(new CollectionStore<>(certs));
            return gen.generate(new CMSAbsentContent()).getEncoded("DER");
        } catch (CMSException | IOException e) {
            throw new BatchRejected(500, "cannot encode the certificates");
        }
    }

    private static X509CertificateHolder certificate(byte[] der) throws BatchRejected {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw new BatchRejected(500, "cannot decode the issued certificate");
        }
    }

    private static void base64(Response response, Callback callback, int status, String type, byte[] der) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put("Content-Transfer-Encoding", "base64");
        response.write(true, ByteBuffer.wrap(BASE64.encode(der)), callback);
    }

    static void text(Response response, Callback callback, int status, String line) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    }
}
