package dev.trustline.ceremony.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.console.Confirmer;
import dev.trustline.ceremony.plan.Ceremony;
import dev.trustline.ceremony.transcript.OutputDir;
import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.lint.CertKind;
import dev.trustline.core.x509.Digests;
import dev.trustline.core.x509.KeyAlgorithm;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What a running step may use: tokens, keys and CA certificates made by earlier steps, outputs,
 * transcript, and the approval seam. Built by the runner and handed in; steps never see the runner.
 */
public final class StepContext {
    /** Officer approval before the HSM signs with a key on a token (a no-op for a token not under quorum). */
    @FunctionalInterface
    public interface Approvals {
        void approve(String stepId, String tokenName, byte[] bytes) throws TrustLineException;
    }

    /** A key made by a generate-key or create-intermediate step. */
    public record KeyRef(HsmToken token, String tokenName, String label, KeyAlgorithm algorithm, PublicKey publicKey) {
    }

    /** A CA certificate made in this ceremony whose key is on a token here. */
    public record IssuerRef(X509CertificateHolder certificate, KeyRef key, String outputFile) {
    }

    private final Ceremony ceremony;
    private final Map<String, HsmToken> tokens;
    private final Approvals approvals;
    private final Transcript transcript;
    private final OutputDir outputs;
    private final Confirmer confirmer;
    private final Map<String, KeyRef> keys = new HashMap<>();
    private final Map<String, IssuerRef> issuers = new HashMap<>();

    private final boolean rehearsal;

    public StepContext(Ceremony ceremony, Map<String, HsmToken> tokens, Approvals approvals, Transcript transcript,
                       OutputDir outputs, Confirmer confirmer) {
        this(ceremony, tokens, approvals, transcript, outputs, confirmer, false);
    }

    /** {@code rehearsal}: the tokens are throwaway ones (keys from earlier ceremonies are not on them). */
    public StepContext(Ceremony ceremony, Map<String, HsmToken> tokens, Approvals approvals, Transcript transcript,
                       OutputDir outputs, Confirmer confirmer, boolean rehearsal) {
        this.rehearsal = rehearsal;
        this.ceremony = ceremony;
        this.tokens = Map.copyOf(tokens);
        this.approvals = approvals;
        this.transcript = transcript;
        this.outputs = outputs;
        this.confirmer = confirmer;
    }

    public boolean rehearsal() {
        return rehearsal;
    }

    public Ceremony ceremony() {
        return ceremony;
    }

    public HsmToken token(String name) {
        return tokens.get(name);
    }

    /**
     * Before the HSM signs {@code bytes} with a key on {@code tokenName}: when that token is under
     * officer quorum, M officers approve and the approvals are recorded first.
     */
    public void approve(String stepId, String tokenName, byte[] bytes) throws TrustLineException {
        approvals.approve(stepId, tokenName, bytes);
    }

    public Transcript transcript() {
        return transcript;
    }

    public Confirmer confirmer() {
        return confirmer;
    }

    public void putKey(String stepId, KeyRef key) {
        keys.put(stepId, key);
    }

    public KeyRef key(String stepId) {
        return keys.get(stepId);
    }

    public void putIssuer(String stepId, IssuerRef issuer) {
        issuers.put(stepId, issuer);
    }

    public IssuerRef issuer(String stepId) {
        return issuers.get(stepId);
    }

    private final java.util.List<X509CertificateHolder> caCertificates = new java.util.ArrayList<>();

    /** Records a CA certificate made in this ceremony (whether or not its key is here). */
    public void addCaCertificate(X509CertificateHolder cert) {
        caCertificates.add(cert);
    }

    /** Every CA certificate made so far in this ceremony. */
    public java.util.List<X509CertificateHolder> caCertificates() {
        return java.util.List.copyOf(caCertificates);
    }

    /** Writes raw bytes (a DER signature, a copy of an input) and records it like any output. */
    public void writeRawOutput(String stepId, String name, byte[] bytes, ObjectNode details) throws TrustLineException {
        outputs.write(name, bytes);
        ObjectNode entry = Transcript.payload().put("step", stepId).put("file", name).put("sha256", Digests.sha256Hex(bytes));
        entry.setAll(details);
        transcript.append("output", entry);
        confirmer.info("  wrote " + name + " (sha256 " + Digests.sha256Hex(bytes) + ")");
    }

    /** Writes a PEM output and records it (name, SHA-256, and for certificates what an auditor re-checks). */
    public void writeOutput(String stepId, String name, Object pemObject, ObjectNode details) throws TrustLineException {
        byte[] pem = pem(pemObject);
        outputs.write(name, pem);
        ObjectNode entry = Transcript.payload().put("step", stepId).put("file", name).put("sha256", Digests.sha256Hex(pem));
        entry.setAll(details);
        transcript.append("output", entry);
        confirmer.info("  wrote " + name + " (sha256 " + Digests.sha256Hex(pem) + ")");
    }

    /** The transcript details of a certificate output. */
    public static ObjectNode certificateDetails(X509CertificateHolder cert, CertKind kind, String issuerFile) {
        try {
            ObjectNode d = Transcript.payload().put("format", "certificate").put("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                    .put("subject", cert.getSubject().toString()).put("issuer", cert.getIssuer().toString())
                    .put("serial", dev.trustline.core.x509.Serials.hex(cert.getSerialNumber()))
                    .put("fingerprint-sha256", Digests.sha256Hex(cert.getEncoded()));
            return issuerFile == null ? d : d.put("issuer-file", issuerFile);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }

    private static byte[] pem(Object object) {
        return dev.trustline.core.x509.Pem.encode(object).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
