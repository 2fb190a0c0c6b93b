package dev.trustline.ceremony.plan;

import dev.trustline.ceremony.plan.CeremonyFile.IssueCrlConfig;
import dev.trustline.ceremony.plan.CeremonyFile.RevocationConfig;
import dev.trustline.ceremony.plan.Steps.InputFile;
import dev.trustline.ceremony.plan.Steps.IssueCrl;
import dev.trustline.ceremony.plan.Steps.Revocation;
import dev.trustline.core.config.Problems;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;

/** Validates an issue-crl step: times, CRL number, and each certificate to revoke with its reason. */
final class CrlPlanner {
    static final Map<String, Integer> REASONS = Map.of(
            "unspecified", CRLReason.unspecified, "keyCompromise", CRLReason.keyCompromise,
            "cACompromise", CRLReason.cACompromise, "affiliationChanged", CRLReason.affiliationChanged,
            "superseded", CRLReason.superseded, "cessationOfOperation", CRLReason.cessationOfOperation);

    private CrlPlanner() {
    }

    static IssueCrl plan(IssueCrlConfig c, String path, Optional<StepPlanner.Issuer> issuer, Path baseDir, Problems p) {
        Instant thisUpdate = Times.parse(c.thisUpdate(), path + ".this-update", p);
        Instant nextUpdate = Times.parse(c.nextUpdate(), path + ".next-update", p);
        boolean ok = thisUpdate != null && nextUpdate != null
                && p.require(nextUpdate.isAfter(thisUpdate), path + ".next-update", "must be after this-update");
        if (ok && issuer.isPresent()) {
            Instant issuerNotAfter = issuer.get().profile().notAfter();
            ok = p.require(!nextUpdate.isAfter(issuerNotAfter), path + ".next-update",
                    "is after the issuer's not-after " + issuerNotAfter + " (a CRL may not outlive its issuer)");
            ok &= p.require(!thisUpdate.isBefore(issuer.get().profile().notBefore()), path + ".this-update",
                    "is before the issuer's not-before " + issuer.get().profile().notBefore());
        }
        ok &= p.require(c.crlNumber() != null && c.crlNumber() >= 0, path + ".crl-number", "is required and must not be negative");
        List<Revocation> revocations = new ArrayList<>();
        List<RevocationConfig> list = c.revoke() == null ? List.of() : c.revoke();
        for (int i = 0; i < list.size(); i++) {
            Revocation r = revocation(list.get(i), path + ".revoke[" + i + "]", issuer, baseDir, p);
            ok &= r != null;
            revocations.add(r);
        }
        if (!ok || issuer.isEmpty()) {
            return null;
        }
        return new IssueCrl(c.id(), c.issuer(), BigInteger.valueOf(c.crlNumber()), thisUpdate, nextUpdate,
                revocations, c.output());
    }

    private static Revocation revocation(RevocationConfig r, String path, Optional<StepPlanner.Issuer> issuer,
                                         Path baseDir, Problems p) {
        Integer reason = r.reason() == null ? null : REASONS.get(r.reason());
        p.require(reason != null, path + ".reason", "must be one of " + String.join(", ", REASONS.keySet().stream().sorted().toList()));
        Instant at = Times.parse(r.revokedAt(), path + ".revoked-at", p);
        InputFile in = InputFiles.read(baseDir, r.certificate(), path + ".certificate", p);
        X509CertificateHolder cert = in == null ? null : InputFiles.certificate(in, path + ".certificate", p);
        if (cert != null && issuer.isPresent()) {
            p.require(cert.getIssuer().equals(issuer.get().profile().subject()), path + ".certificate",
                    in.path() + " was issued by " + cert.getIssuer() + ", not by this CRL's issuer");
        }
        if (reason == null || at == null || cert == null) {
            return null;
        }
        return new Revocation(in, cert.getSerialNumber(), cert.getIssuer(), reason, at);
    }
}
