package dev.trustline.core.lint;

import dev.trustline.core.x509.Asn1Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/** notBefore precedes notAfter, and a non-root's validity lies within its issuer's validity. */
public final class ValidityNestedLint implements Lint {
    @Override
    public String name() {
        return "validity-nested";
    }

    @Override
    public List<String> check(CertificateUnderLint subject) {
        var tbs = subject.certificate().toASN1Structure().getTBSCertificate();
        Instant notBefore = Asn1Times.instant(tbs.getStartDate());
        Instant notAfter = Asn1Times.instant(tbs.getEndDate());
        List<String> problems = new ArrayList<>();
        if (!notBefore.isBefore(notAfter)) {
            problems.add("notBefore " + notBefore + " is not before notAfter " + notAfter);
        }
        if (!subject.selfSigned()) {
            checkNested(notBefore, notAfter, subject.issuer(), problems);
        }
        return problems;
    }

    private static void checkNested(Instant notBefore, Instant notAfter, X509CertificateHolder issuer,
            List<String> problems) {
        var tbs = issuer.toASN1Structure().getTBSCertificate();
        Instant issuerNotBefore = Asn1Times.instant(tbs.getStartDate());
        Instant issuerNotAfter = Asn1Times.instant(tbs.getEndDate());
        if (notBefore.isBefore(issuerNotBefore)) {
            problems.add("notBefore " + notBefore + " is before the issuer's notBefore " + issuerNotBefore);
        }
        if (notAfter.isAfter(issuerNotAfter)) {
            problems.add("notAfter " + notAfter + " is after the issuer's notAfter " + issuerNotAfter);
        }
    }
}
