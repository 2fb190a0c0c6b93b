package dev.trustline.signer.http;

import dev.trustline.core.TrustLineException;
import dev.trustline.signer.issuance.BatchRejected;
import dev.trustline.signer.issuance.LineResult;
import dev.trustline.signer.issuance.SingleEnrolment;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cmp.CMPCertificate;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.CertOrEncCert;
import org.bouncycastle.asn1.cmp.CertRepMessage;
import org.bouncycastle.asn1.cmp.CertResponse;
import org.bouncycastle.asn1.cmp.CertifiedKeyPair;
import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.crmf.CertReqMessages;
import org.bouncycastle.asn1.crmf.CertReqMsg;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.CMPException;
import org.bouncycastle.cert.cmp.GeneralPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * CMP over HTTP (RFC 6712, lightweight profile RFC 9483) at {@code /.well-known/cmp[/p/<policy>]}: a
 * request must be signature-protected by the very station certificate that authenticated the TLS
 * connection; {@code ir}, {@code cr} (one CRMF request with a signature POP) and {@code p10cr} go through
 * {@link SingleEnrolment} (the batch path); {@code certConf} is
 * answered with {@code pkiConf}. Every answer, refusals included, is a CMP message signed by the
 * {@link CmpResponder}, whose PKIStatusInfo carries the batch API's line code and message.
 */
final class CmpHandler {
    static final String PREFIX = "/.well-known/cmp";
    private static final long MAX_BYTES = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SingleEnrolment enrolment;
    private final StationIdentity stations;
    private final DeviceIdentity devices;
    private final java.util.function.Supplier<Admission> admission;
    private final CmpResponder responder;

    CmpHandler(SingleEnrolment enrolment, CmpResponder responder, StationIdentity stations, DeviceIdentity devices,
               java.util.function.Supplier<Admission> admission) {
        this.stations = stations;
        this.devices = devices;
        this.admission = admission;
        this.enrolment = enrolment;
        this.responder = responder;
    }

    void serve(Request request, Response response, Callback callback) {
        try {
            String label = label(Request.getPathInContext(request));
            if (!request.getMethod().equals("POST")) {
                throw new BatchRejected(405, "CMP messages are POSTed");
            }
            String type = String.valueOf(request.getHeaders().get(HttpHeader.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
            if (!type.startsWith("application/pkixcmp")) {
                throw new BatchRejected(415, "CMP takes Content-Type application/pkixcmp");
            }
            byte[] body = Bodies.read(request, MAX_BYTES);
            send(response, callback, answer(request, label, body));
        } catch (BatchRejected e) {
            EstHandler.text(response, callback, e.status(), e.getMessage());
        } catch (RuntimeException | CMPException | OperatorCreationException | IOException e) {
            String id = Failures.log("CMP " + Request.getPathInContext(request), e);
            EstHandler.text(response, callback, 500, "internal error (request id " + id + ")");
        }
    }

    private ProtectedPKIMessage answer(Request request, String label, byte[] body)
            throws BatchRejected, CMPException, OperatorCreationException, IOException {
        GeneralPKIMessage message;
        try {
            message = new GeneralPKIMessage(body);
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new BatchRejected(400, "the body is not a DER CMP PKIMessage");
        }
        PKIHeader header = message.getHeader();
        try {
            checkProtection(request, message);
            PKIBody reply = switch (message.getBody().getType()) {
                case PKIBody.TYPE_P10_CERT_REQ -> enrol(station(request), label, message);
                case PKIBody.TYPE_INIT_REQ, PKIBody.TYPE_CERT_REQ -> enrolCrmf(station(request), label, message);
                case PKIBody.TYPE_KEY_UPDATE_REQ -> keyUpdate(device(request), label, message);
                case PKIBody.TYPE_CERT_CONFIRM -> new PKIBody(PKIBody.TYPE_CONFIRM, DERNull.INSTANCE);
                default -> throw new Refusal(PKIFailureInfo.badRequest, "unsupported-request",
                        "this signer answers ir, cr, p10cr, kur and certConf (message type " + message.getBody().getType() + ")");
            };
            boolean certificates = reply.getType() == PKIBody.TYPE_CERT_REP || reply.getType() == PKIBody.TYPE_INIT_REP
                    || reply.getType() == PKIBody.TYPE_KEY_UPDATE_REP;
            return build(header, reply, implicitConfirm(header) && certificates);
        } catch (Refusal r) {
            return build(header, error(r), false);
        } catch (TrustLineException e) {
            String id = Failures.log("CMP request", e);
            return build(header, error(new Refusal(PKIFailureInfo.systemUnavail, "unavailable",
                    "the signer cannot complete the request now; retry later (request id " + id + ")")), false);
        }
    }

    /** The protection must be a signature by the certificate the station presented in the TLS handshake. */
    private void checkProtection(Request request, GeneralPKIMessage message) throws Refusal {
        if (!message.hasProtection()) {
            throw new Refusal(PKIFailureInfo.wrongIntegrity, "unprotected", "the request must be signed with the station certificate");
        }
        ProtectedPKIMessage p = new ProtectedPKIMessage(message);
        X509CertificateHolder[] extra = p.getCertificates();
        X509Certificate tls = client(request);
        try {
            if (p.hasPasswordBasedMacProtection() || extra.length == 0 || !java.util.Arrays.equals(extra[0].getEncoded(), tls.getEncoded())) {
                throw new Refusal(PKIFailureInfo.wrongIntegrity, "wrong-protection",
                        "the request must be signed with the certificate used for TLS, sent first in extraCerts");
            }
            if (!p.verify(new JcaContentVerifierProviderBuilder().build(extra[0]))) {
                throw new Refusal(PKIFailureInfo.badMessageCheck, "bad-protection", "the request's signature does not verify");
            }
        } catch (IOException | java.security.cert.CertificateException | OperatorCreationException | CMPException e) {
            throw new Refusal(PKIFailureInfo.badMessageCheck, "bad-protection", "the request's protection cannot be checked");
        }
    }

    private String station(Request request) throws Refusal {
        try {
            return stations.of(request);
        } catch (TrustLineException e) {
            throw new Refusal(PKIFailureInfo.notAuthorized, "not-authorised", e.getMessage());
        }
    }

    private X509Certificate device(Request request) throws Refusal {
        try {
            return devices.of(request);
        } catch (TrustLineException e) {
            throw new Refusal(PKIFailureInfo.notAuthorized, "not-authorised", e.getMessage());
        }
    }

    /** kur (RFC 9483 section 4.1.3): a device signs with its current certificate and gets an operational one (kup). */
    private PKIBody keyUpdate(X509Certificate presented, String label, GeneralPKIMessage message) throws TrustLineException {
        CertReqMsg[] requests = CertReqMessages.getInstance(message.getBody().getContent()).toCertReqMsgArray();
        if (requests.length != 1) {
            throw new Refusal(PKIFailureInfo.badRequest, "one-request", "send exactly one certificate request per message");
        }
        CertReqMsg request = requests[0];
        LineResult r = refusedAsCmp("device:" + presented.getSubjectX500Principal().getName(),
                () -> enrolment.reenrol(SingleEnrolment.Door.CMP, presented, label, request));
        return reply(PKIBody.TYPE_KEY_UPDATE_REP, request.getCertReq().getCertReqId(), r);
    }

    private static X509Certificate client(Request request) throws Refusal {
        try {
            return ApiHandler.peer(request);
        } catch (BatchRejected e) {
            throw new Refusal(PKIFailureInfo.notAuthorized, "not-authorised", e.getMessage());
        }
    }

    private PKIBody enrol(String station, String label, GeneralPKIMessage message) throws TrustLineException {
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(CertificationRequest.getInstance(message.getBody().getContent()));
        String policy = policy(station, label);
        LineResult r = refusedAsCmp(station, () -> enrolment.enrol(SingleEnrolment.Door.CMP, station, policy, csr));
        return reply(PKIBody.TYPE_CERT_REP, new ASN1Integer(BigInteger.valueOf(-1)), r);
    }

    /** ir and cr: one CRMF request (RFC 9483 section 4.1.1), answered with ip or cp under its certReqId. */
    private PKIBody enrolCrmf(String station, String label, GeneralPKIMessage message) throws TrustLineException {
        CertReqMsg[] requests = CertReqMessages.getInstance(message.getBody().getContent()).toCertReqMsgArray();
        if (requests.length != 1) {
            throw new Refusal(PKIFailureInfo.badRequest, "one-request", "send exactly one certificate request per message");
        }
        CertReqMsg request = requests[0];
        String policy = policy(station, label);
        LineResult r = refusedAsCmp(station, () -> enrolment.enrol(SingleEnrolment.Door.CMP, station, policy, request));
        int type = message.getBody().getType() == PKIBody.TYPE_INIT_REQ ? PKIBody.TYPE_INIT_REP : PKIBody.TYPE_CERT_REP;
        return reply(type, request.getCertReq().getCertReqId(), r);
    }

    private String policy(String station, String label) throws Refusal {
        if (label != null) {
            return label;
        }
        List<String> mine = enrolment.policiesFor(station);
        if (mine.size() != 1) {
            throw new Refusal(PKIFailureInfo.badRequest, "policy-required", "name the policy in the path (/.well-known/cmp/p/<policy>)");
        }
        return mine.get(0);
    }

    private interface Enrol {
        LineResult run() throws TrustLineException;
    }

    private LineResult refusedAsCmp(String station, Enrol enrol) throws TrustLineException {
        try (Admission.Ticket admitted = admission.get().enter(station)) {
            return enrol.run();
        } catch (BatchRejected e) {
            int failure = e.status() == 403 ? PKIFailureInfo.notAuthorized
                    : e.status() == 503 ? PKIFailureInfo.systemUnavail : PKIFailureInfo.badRequest;
            throw new Refusal(failure, e.status() == 503 ? "overloaded" : "refused", e.getMessage());
        }
    }

    private static PKIBody reply(int type, ASN1Integer certReqId, LineResult r) {
        PKIStatusInfo status = switch (r.status()) {
            case ISSUED -> new PKIStatusInfo(PKIStatus.granted);
            case RETRY -> status(PKIFailureInfo.systemUnavail, r.code(), r.message());
            default -> status(PKIFailureInfo.badCertTemplate, r.code(), r.message());
        };
        CertifiedKeyPair pair = r.status() == LineResult.Status.ISSUED
                ? new CertifiedKeyPair(new CertOrEncCert(CMPCertificate.getInstance(r.certificateDer()))) : null;
        CertResponse one = new CertResponse(certReqId, status, pair, null);
        return new PKIBody(type, new CertRepMessage(null, new CertResponse[] {one}));
    }

    private static PKIStatusInfo status(int failure, String code, String message) {
        return new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText(code + ": " + message), new PKIFailureInfo(failure));
    }

    private static PKIBody error(Refusal r) {
        return new PKIBody(PKIBody.TYPE_ERROR, new ErrorMsgContent(status(r.failure, r.code, r.getMessage())));
    }

    private static boolean implicitConfirm(PKIHeader header) {
        InfoTypeAndValue[] info = header.getGeneralInfo();
        return info != null && java.util.Arrays.stream(info).anyMatch(i -> i.getInfoType().equals(CMPObjectIdentifiers.it_implicitConfirm));
    }

    private ProtectedPKIMessage build(PKIHeader request, PKIBody body, boolean implicitConfirm)
            throws CMPException, OperatorCreationException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        ProtectedPKIMessageBuilder b = new ProtectedPKIMessageBuilder(request.getPvno().intValueExact(),
                new GeneralName(responder.certificate().getSubject()), request.getSender())
                .setMessageTime(new Date()).setSenderNonce(nonce).setBody(body);
        if (request.getTransactionID() != null) {
            b.setTransactionID(request.getTransactionID().getOctets());
        }
        if (request.getSenderNonce() != null) {
            b.setRecipNonce(request.getSenderNonce().getOctets());
        }
        if (implicitConfirm) {
            b.addGeneralInfo(new InfoTypeAndValue(CMPObjectIdentifiers.it_implicitConfirm, DERNull.INSTANCE));
        }
        responder.chain().forEach(b::addCMPCertificate);
        return b.build(responder.signer());
    }

    private static String label(String path) throws BatchRejected {
        if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
            return null;
        }
        String rest = path.substring(PREFIX.length());
        if (rest.matches("/p/[A-Za-z0-9._-]{1,128}")) {
            return rest.substring(3);
        }
        throw new BatchRejected(404, "no such CMP path: " + path);
    }

    private static void send(Response response, Callback callback, ProtectedPKIMessage message) throws IOException {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/pkixcmp");
        response.write(true, ByteBuffer.wrap(message.toASN1Structure().getEncoded("DER")), callback);
    }

    /** A refusal answered inside CMP (PKIStatusInfo), not as an HTTP error. */
    private static final class Refusal extends TrustLineException {
        private static final long serialVersionUID = 1L;
        private final int failure;
        private final String code;

        Refusal(int failure, String code, String message) {
            super(message);
            this.failure = failure;
            this.code = code;
        }
    }
}
