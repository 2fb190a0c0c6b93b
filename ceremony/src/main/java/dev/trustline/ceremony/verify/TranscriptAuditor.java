package dev.trustline.ceremony.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.chain.ChainEntry;
import dev.trustline.core.chain.ChainException;
import dev.trustline.core.chain.ChainVerifier;
import dev.trustline.core.chain.VerifiedChain;
import dev.trustline.core.lint.CertKind;
import dev.trustline.core.lint.CertificateUnderLint;
import dev.trustline.core.lint.CrlLints;
import dev.trustline.core.lint.CrlUnderLint;
import dev.trustline.core.lint.LintReport;
import dev.trustline.core.lint.LintRunner;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The auditor's check of a ceremony transcript, using only the transcript and the output files (never
 * an HSM): the hash chain, the entry sequence, every named output's SHA-256 and details, the lints
 * re-run on every certificate and CRL, and how the ceremony ended.
 */
public final class TranscriptAuditor {
    private final Path transcript;
    private final Path outputs;
    private final Map<String, X509CertificateHolder> certificates = new HashMap<>();
    private final Map<String, Object> parsed = new HashMap<>();

    private final java.util.List<Path> pinnedRosters;
    private String startEnvironment = "";

    public TranscriptAuditor(Path transcript, Path outputs) {
        this(transcript, outputs, java.util.List.of());
    }

    /** {@code rosters}: officers.json files the auditor holds; each must be the one the transcript recorded. */
    public TranscriptAuditor(Path transcript, Path outputs, java.util.List<Path> rosters) {
        this.transcript = transcript;
        this.outputs = outputs;
        this.pinnedRosters = java.util.List.copyOf(rosters);
    }

    public AuditResult audit() {
        VerifiedChain chain;
        try {
            chain = ChainVerifier.verify(transcript);
        } catch (ChainException e) {
            return new AuditResult(false, e.getMessage(), null, 0);
        }
        String quorum;
        try {
            quorum = checkEntries(chain.entries());
        } catch (AuditFailure f) {
            return new AuditResult(false, f.getMessage(), chain.head(), chain.size());
        }
        return ending(chain, quorum);
    }

    private java.util.Map<String, ApprovalAudit.RosterKeys> pins() throws AuditFailure {
        try {
            return RosterPins.load(pinnedRosters);
        } catch (dev.trustline.core.TrustLineException ex) {
            throw new AuditFailure(null, ex.getMessage());
        }
    }

    /** Returns a note on officer quorum for the OK line. */
    private String checkEntries(List<ChainEntry> entries) throws AuditFailure {
        if (!"start".equals(entries.get(0).type())) {
            throw new AuditFailure(entries.get(0), "the first entry must be 'start'");
        }
        startEnvironment = entries.get(0).payload().path("environment").asText();
        SequenceRules rules = new SequenceRules();
        ApprovalAudit approvals = new ApprovalAudit(pins());
        OutputCheck outputsCheck = new OutputCheck(outputs);
        EndContent end = new EndContent();
        for (ChainEntry e : entries) {
            rules.check(e);
            end.check(e);
            approvals.check(e);
            if ("output".equals(e.type())) {
                Object parsed = outputsCheck.check(e);
                remember(e, parsed);
            }
        }
        for (ChainEntry e : entries) {
            if ("output".equals(e.type())) {
                relint(e);
            }
        }
        approvals.requireEveryPinUsed();
        if (approvals.rosters().isEmpty()) {
            return "; no officer quorum (test or rehearsal without officers)";
        }
        return "; " + approvals.approvedSignatures() + " quorum approvals verified against " + approvals.rosters().size()
                + (pinnedRosters.isEmpty() ? " roster(s) taken from the transcript itself (--no-roster: not checked against roster files you hold)"
                : " roster file(s) you hold");
    }

    private void remember(ChainEntry e, Object object) {
        parsed.put(e.payload().path("file").asText(), object);
        if (object instanceof X509CertificateHolder cert) {
            certificates.put(e.payload().path("file").asText(), cert);
        }
    }

    private void relint(ChainEntry e) throws AuditFailure {
        ObjectNode p = e.payload();
        String file = p.path("file").asText();
        String format = p.path("format").asText();
        if (format.equals("public-key") || format.equals("policy") || format.equals("token-listing")) {
            return;
        }
        if (format.equals("policy-signature")) {
            checkPolicySignature(e, p, file);
            return;
        }
        X509CertificateHolder issuer = p.hasNonNull("issuer-file") ? certificates.get(p.get("issuer-file").asText()) : null;
        if (p.hasNonNull("issuer-file") && issuer == null) {
            throw new AuditFailure(e, "output " + file + " names issuer " + p.get("issuer-file").asText() + ", which is not a certificate output of this ceremony");
        }
        Object object = parsed.get(file);
        boolean isCrl = format.equals("crl");
        if (isCrl ? !(object instanceof X509CRLHolder) : !(object instanceof X509CertificateHolder)) {
            throw new AuditFailure(e, "output " + file + " is not the " + format + " the transcript says it is");
        }
        if (isCrl && issuer == null) {
            throw new AuditFailure(e, "CRL output " + file + " names no issuer certificate");
        }
        LintReport report = isCrl
                ? CrlLints.standard().run(new CrlUnderLint((X509CRLHolder) object, issuer))
                : certificateLints(e, file, p, issuer);
        if (!report.passed()) {
            throw new AuditFailure(e, "output " + file + " fails lints: " + String.join("; ", report.failureMessages()));
        }
    }

    private void checkPolicySignature(ChainEntry e, ObjectNode p, String file) throws AuditFailure {
        Object policy = parsed.get(p.path("policy-file").asText());
        X509CertificateHolder root = certificates.get(p.path("issuer-file").asText());
        if (!(policy instanceof byte[] policyBytes) || root == null) {
            throw new AuditFailure(e, "policy signature " + file + " names no policy copy or root certificate of this ceremony");
        }
        try {
            dev.trustline.core.policy.PolicySignature.verify(policyBytes, (byte[]) parsed.get(file), root);
        } catch (dev.trustline.core.TrustLineException ex) {
            throw new AuditFailure(e, "policy signature " + file + ": " + ex.getMessage());
        }
    }

    private LintReport certificateLints(ChainEntry e, String file, ObjectNode p, X509CertificateHolder issuer)
            throws AuditFailure {
        X509CertificateHolder cert = certificates.get(file);
        String environment = startEnvironment;
        if (!dev.trustline.core.Environment.of(cert).map(dev.trustline.core.Environment::configName).orElse("none").equals(environment)) {
            throw new AuditFailure(e, "output " + file + " is not marked with the ceremony's environment '" + environment
                    + "' (certificatePolicies OID)");
        }
        CertKind kind;
        try {
            kind = CertKind.valueOf(p.path("kind").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new AuditFailure(e, "output " + file + " has an unknown certificate kind '" + p.path("kind").asText() + "'");
        }
        return LintRunner.standard().run(new CertificateUnderLint(cert, issuer == null ? cert : issuer, kind));
    }

    private static AuditResult ending(VerifiedChain chain, String quorum) {
        ChainEntry last = chain.last();
        ObjectNode p = last.payload();
        if ("end".equals(last.type())) {
            ObjectNode start = chain.entries().get(0).payload();
            return new AuditResult(true, "OK (" + start.path("mode").asText() + ", " + start.path("environment").asText() + "): " + chain.size() + " entries, chain intact, every output matches and passes its lints" + quorum,
                    chain.head(), chain.size());
        }
        if ("abort".equals(last.type())) {
            return new AuditResult(false, "chain intact, but the ceremony was ABORTED at step '" + p.path("step").asText()
                    + "' (entry " + last.seq() + "): " + p.path("reason").asText(), chain.head(), chain.size());
        }
        return new AuditResult(false, "entry " + last.seq() + ": the transcript ends without an 'end' or 'abort' entry "
                + "(truncated, or the ceremony was interrupted)", chain.head(), chain.size());
    }

    /** The first problem found, tied to its entry. */
    static final class AuditFailure extends Exception {
        private static final long serialVersionUID = 1L;

        AuditFailure(ChainEntry entry, String message) {
            super(entry == null ? message : "entry " + entry.seq() + " (" + entry.type() + "): " + message);
        }
    }
}
