package dev.trustline.signer.revocation;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.x509.Bc;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * An RFC 6960 OCSP responder for device certificates, answering from the registry: good, revoked (time and
 * reason) or unknown (never issued here, or another issuer). Responses are signed by the issuing
 * intermediate itself through the signing seam, name it by key hash, echo the request's nonce, and are
 * valid from now to now plus {@code validity}. A request that does not parse gets a malformedRequest
 * response, never an exception.
 */
public final class OcspResponder {
    /** The registry's answer for one serial under the intermediate. */
    @FunctionalInterface
    public interface Lookup {
        SerialStatus status(BigInteger serial) throws TrustLineException;
    }

    private static final int MAX_REQUESTS = 32;

    private final X509CertificateHolder issuer;
    private final CrlSigner.SignerSource keys;
    private final Lookup lookup;
    private final Duration validity;
    private final DigestCalculatorProvider digests;

    public OcspResponder(X509CertificateHolder issuer, CrlSigner.SignerSource keys, Lookup lookup, Duration validity) {
        this.issuer = issuer;
        this.keys = keys;
        this.lookup = lookup;
        this.validity = validity;
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(Bc.provider()).build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DER response to the DER request {@code body}, at {@code now}. */
    public byte[] respond(byte[] body, Instant now) throws TrustLineException {
        OCSPReq req;
        try {
            req = new OCSPReq(body);
        } catch (IOException | RuntimeException e) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        Req[] list = req.getRequestList();
        if (list.length == 0 || list.length > MAX_REQUESTS) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        try {
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(issuer.getSubjectPublicKeyInfo(),
                    digests.get(RespID.HASH_SHA1)));
            Instant produced = now.truncatedTo(ChronoUnit.SECONDS);
            for (Req r : list) {
                CertificateID id = r.getCertID();
                b.addResponse(id, certStatus(id), Date.from(produced), Date.from(produced.plus(validity)), null);
            }
            Extension nonce = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                b.setResponseExtensions(new Extensions(nonce));
            }
            var basic = b.build(keys.signer(), null, Date.from(produced));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | OperatorCreationException | IOException e) {
            throw new TrustLineException("cannot build the OCSP response: " + e.getMessage(), e);
        }
    }

    private CertificateStatus certStatus(CertificateID id) throws TrustLineException {
        if (!issuedHere(id)) {
            return new UnknownStatus();
        }
        SerialStatus s = lookup.status(id.getSerialNumber());
        return switch (s.kind()) {
            case GOOD -> CertificateStatus.GOOD;
            case UNKNOWN -> new UnknownStatus();
            case REVOKED -> new RevokedStatus(Date.from(s.revokedAt().truncatedTo(ChronoUnit.SECONDS)),
                    s.reason() == RevocationReason.UNSPECIFIED ? CRLReason.unspecified : s.reason().code());
        };
    }

    /** False also for a hash algorithm we cannot compute: that issuer is then unknown to us. */
    private boolean issuedHere(CertificateID id) {
        try {
            return id.matchesIssuer(issuer, digests);
        } catch (OCSPException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] status(int status) throws TrustLineException {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new TrustLineException("cannot build the OCSP response: " + e.getMessage(), e);
        }
    }
}
