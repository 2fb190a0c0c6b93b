package dev.trustline.signer.issuance;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.policy.CsrField;
import dev.trustline.core.policy.Policy;
import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.crmf.CertReqMsg;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * One device, one CSR, through the batch path: the standard front doors (EST, CMP) turn their request
 * into a one-line batch whose id is derived from the door, the station and the CSR, so the same request
 * sent again is answered from the registry (idempotent) and everything else — policy, limits, registry,
 * ledger — is exactly what the JSON-lines API does. The device ID is the CSR subject's CN, which the
 * policy must require ({@code device-id.csr-field: cn}).
 */
public final class SingleEnrolment {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BatchService batches;

    public SingleEnrolment(BatchService batches) {
        this.batches = batches;
    }

    /** Which front door a request came through; it names the batch id and the ledger's operator. */
    public enum Door {
        EST("est"), CMP("cmp");

        private final String tag;

        Door(String tag) {
            this.tag = tag;
        }
    }

    /** A PKCS#10 request (EST simpleenroll, CMP p10cr). */
    public LineResult enrol(Door door, String station, String policyId, PKCS10CertificationRequest csr)
            throws TrustLineException {
        return enrol(door, station, policyId, csr.getSubject(), "csr", encoded(csr.toASN1Structure()));
    }

    /** A CRMF request (CMP ir/cr): its POPOSigningKey is checked on the same path as a CSR's signature. */
    public LineResult enrol(Door door, String station, String policyId, CertReqMsg crmf) throws TrustLineException {
        var subject = crmf.getCertReq().getCertTemplate().getSubject();
        if (subject == null) {
            throw new BatchRejected(400, "the CRMF template carries no subject (its CN is the device ID)");
        }
        return enrol(door, station, policyId, subject, "crmf", encoded(crmf));
    }

    private LineResult enrol(Door door, String station, String policyId, X500Name subject, String field, byte[] der)
            throws TrustLineException {
        Policy policy = batches.policies().get(policyId == null ? "" : policyId).orElseThrow(() ->
                new BatchRejected(404, "no policy '" + policyId + "' is loaded on this signer"));
        String deviceId = deviceId(policy, subject);
        String line = JSON.createObjectNode().put("device_id", deviceId).put(field, Base64.getEncoder().encodeToString(der))
                .put("operator", door.tag + ":" + station).toString();
        String batchId = door.tag + "-" + Digests.sha256Hex(der).substring(0, 48);
        return batches.submit(station, batchId, policy.id(), List.of(line)).lines().get(0);
    }

    /** A device renews with its current certificate (EST simplereenroll): a PKCS#10 request for the new key. */
    public LineResult reenrol(Door door, X509Certificate presented, String label, PKCS10CertificationRequest csr)
            throws TrustLineException {
        return reenrol(door, presented, label, csr.getSubjectPublicKeyInfo(), "csr", encoded(csr.toASN1Structure()));
    }

    /** A device renews with its current certificate (CMP kur): a CRMF request for the new key. */
    public LineResult reenrol(Door door, X509Certificate presented, String label, CertReqMsg crmf) throws TrustLineException {
        SubjectPublicKeyInfo key = crmf.getCertReq().getCertTemplate().getPublicKey();
        if (key == null) {
            throw new BatchRejected(400, "the CRMF template carries no public key");
        }
        return reenrol(door, presented, label, key, "crmf", encoded(crmf));
    }

    private LineResult reenrol(Door door, X509Certificate presented, String label, SubjectPublicKeyInfo key, String field,
                               byte[] der) throws TrustLineException {
        String deviceId = deviceId(presented);
        String line = JSON.createObjectNode().put("device_id", deviceId).put(field, Base64.getEncoder().encodeToString(der))
                .put("operator", door.tag + "-reenrol:" + deviceId).put("reissue", true).toString();
        try {
            return batches.reenrol(deviceId, presented.getEncoded(), SubjectPublicKeyInfo.getInstance(presented.getPublicKey().getEncoded()),
                    key, label, line);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new BatchRejected(400, "the presented certificate cannot be encoded");
        }
    }

    private static String deviceId(X509Certificate presented) throws BatchRejected {
        RDN[] cns = X500Name.getInstance(presented.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        if (cns.length != 1 || cns[0].isMultiValued() || !(cns[0].getFirst().getValue() instanceof ASN1String cn)) {
            throw new BatchRejected(403, "the device certificate must have exactly one CN, the device ID");
        }
        return cn.getString();
    }

    public java.util.Optional<Policy> policy(String id) {
        return batches.policies().get(id);
    }

    /** The policies this station may use, for a request that names no label. */
    public List<String> policiesFor(String station) {
        return batches.policies().all().stream().filter(p -> p.allowsStation(station)).map(Policy::id).sorted().toList();
    }

    private static String deviceId(Policy policy, X500Name subject) throws BatchRejected {
        if (policy.deviceId().csrField() != CsrField.CN) {
            throw new BatchRejected(400, "policy " + policy.id() + " does not carry the device ID in the CSR"
                    + " (device-id.csr-field is not cn): enrol its devices through the batch API");
        }
        RDN[] cns = subject.getRDNs(BCStyle.CN);
        if (cns.length != 1 || cns[0].isMultiValued()) {
            throw new BatchRejected(400, "the CSR subject must have exactly one CN, the device ID");
        }
        if (!(cns[0].getFirst().getValue() instanceof ASN1String cn)) {
            throw new BatchRejected(400, "the CSR subject's CN is not a text string");
        }
        return cn.getString();
    }

    private static byte[] encoded(org.bouncycastle.asn1.ASN1Object request) throws BatchRejected {
        try {
            return request.getEncoded("DER");
        } catch (IOException e) {
            throw new BatchRejected(400, "the request cannot be encoded");
        }
    }
}
