package dev.trustline.ceremony.steps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.plan.Steps.IssueCrl;
import dev.trustline.ceremony.plan.Steps.Revocation;
import dev.trustline.ceremony.steps.StepContext;
import dev.trustline.ceremony.steps.StepContext.IssuerRef;
import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.lint.CrlLints;
import dev.trustline.core.lint.CrlUnderLint;
import dev.trustline.core.lint.LintReport;
import dev.trustline.core.lint.LintResult;
import dev.trustline.core.x509.CaTbsBuilder;
import dev.trustline.core.x509.Digests;
import dev.trustline.core.x509.KeyIds;
import dev.trustline.core.x509.TbsSigner;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V2TBSCertListGenerator;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** issue-crl: a CRL from a CA made in this ceremony, revoking certificates (by file) with reasons. */
final class IssueCrlStep {
    private static final String SIGNATURE_RULE = "crl-signature";

    private IssueCrlStep() {
    }

    static void run(IssueCrl step, StepContext ctx) throws TrustLineException {
        IssuerRef issuer = ctx.issuer(step.issuerStep());
        TBSCertList tbs = tbs(step, issuer);
        byte[] der = TbsSigner.der(tbs);
        record(ctx, step.id(), lintCopy(tbs, issuer), der, true);
        SignOnce.confirm(ctx, step.id(), TbsSummary.ofCrl(step.id(), tbs, der), der);
        ctx.approve(step.id(), issuer.key().tokenName(), der);
        X509CRLHolder crl = sign(tbs, issuer, step.id());
        record(ctx, step.id(), CrlLints.standard().run(new CrlUnderLint(crl, issuer.certificate())), der, false);
        if (!java.util.Arrays.equals(TbsSigner.der(crl.toASN1Structure().getTBSCertList()), der)) {
            throw new TrustLineException("step '" + step.id() + "': the signed CRL differs from the linted one");
        }
        ctx.transcript().append("signed", Transcript.payload().put("step", step.id()).put("token", issuer.key().tokenName())
                .put("tbs-sha256", Digests.sha256Hex(der)).put("signature-verified", true).put("tbs-matches-linted", true));
        ObjectNode details = Transcript.payload().put("format", "crl").put("issuer", crl.getIssuer().toString())
                .put("crl-number", step.crlNumber().toString()).put("revoked", step.revocations().size())
                .put("issuer-file", issuer.outputFile());
        ctx.writeOutput(step.id(), step.output(), crl, details);
    }

    private static TBSCertList tbs(IssueCrl step, IssuerRef issuer) throws TrustLineException {
        V2TBSCertListGenerator gen = new V2TBSCertListGenerator();
        gen.setSignature(CaTbsBuilder.algorithmId(issuer.key().algorithm().signatureAlgorithm()));
        gen.setIssuer(issuer.certificate().getSubject());
        gen.setThisUpdate(new Time(Date.from(step.thisUpdate())));
        gen.setNextUpdate(new Time(Date.from(step.nextUpdate())));
        for (Revocation r : step.revocations()) {
            gen.addCRLEntry(new ASN1Integer(r.serial()), new Time(Date.from(r.revokedAt())), entryExtensions(r));
        }
        ExtensionsGenerator ext = new ExtensionsGenerator();
        try {
            byte[] ski = KeyIds.ski(issuer.certificate().getSubjectPublicKeyInfo());
            ext.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(ski));
            ext.addExtension(Extension.cRLNumber, false, new CRLNumber(step.crlNumber()));
        } catch (IOException e) {
            throw new TrustLineException("cannot encode CRL extensions: " + e.getMessage(), e);
        }
        gen.setExtensions(ext.generate());
        return gen.generateTBSCertList();
    }

    /** The entry's reason code and, when given, its invalidity date (RFC 5280 5.3.1, 5.3.2). */
    private static org.bouncycastle.asn1.x509.Extensions entryExtensions(Revocation r) throws TrustLineException {
        try {
            ExtensionsGenerator g = new ExtensionsGenerator();
            if (r.reason() != org.bouncycastle.asn1.x509.CRLReason.unspecified) { // RFC 5280: unspecified is left out
                g.addExtension(Extension.reasonCode, false, org.bouncycastle.asn1.x509.CRLReason.lookup(r.reason()));
            }
            if (r.invalidityDate() != null) {
                g.addExtension(Extension.invalidityDate, false, new org.bouncycastle.asn1.ASN1GeneralizedTime(Date.from(r.invalidityDate())));
            }
            return g.isEmpty() ? null : g.generate();
        } catch (IOException e) {
            throw new TrustLineException("cannot encode CRL entry extensions: " + e.getMessage(), e);
        }
    }

    /** Lints a copy signed by a throwaway key; the signature rule is checked after the HSM signs. */
    private static LintReport lintCopy(TBSCertList tbs, IssuerRef issuer) throws TrustLineException {
        try {
            KeyPair throwaway = issuer.key().algorithm().generate(null);
            X509CRLHolder copy = TbsSigner.sign(tbs,
                    new JcaContentSignerBuilder(issuer.key().algorithm().signatureAlgorithm()).build(throwaway.getPrivate()));
            List<LintResult> results = CrlLints.standard().run(new CrlUnderLint(copy, issuer.certificate())).results()
                    .stream().filter(r -> !r.name().equals(SIGNATURE_RULE)).toList();
            return new LintReport(results);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new TrustLineException("cannot lint the CRL: " + e.getMessage(), e);
        }
    }

    private static X509CRLHolder sign(TBSCertList tbs, IssuerRef issuer, String stepId) throws TrustLineException {
        try {
            return TbsSigner.sign(tbs, issuer.key().token().signer(issuer.key().label(), issuer.key().algorithm().signatureAlgorithm()));
        } catch (IOException e) {
            throw new TrustLineException("step '" + stepId + "': HSM signing failed: " + e.getMessage(), e);
        }
    }

    private static void record(StepContext ctx, String stepId, LintReport report, byte[] der, boolean beforeSigning)
            throws TrustLineException {
        ObjectNode entry = Transcript.payload().put("step", stepId).put("tbs-sha256", Digests.sha256Hex(der))
                .put("stage", beforeSigning ? "before-signing" : "after-signing").put("result", report.passed() ? "pass" : "fail");
        ArrayNode passed = entry.putArray("passed");
        report.passedNames().forEach(passed::add);
        ArrayNode failures = entry.putArray("failures");
        report.failureMessages().forEach(failures::add);
        ctx.transcript().append("lints", entry);
        report.throwIfFailed();
    }
}
