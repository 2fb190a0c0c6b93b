package dev.trustline.core.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;

/** The certificate's issuer DN equals its issuer certificate's subject DN, byte for byte (DER). */
public final class IssuerNameLint implements Lint {
    @Override
    public String name() {
        return "issuer-name";
    }

    @Override
    public List<String> check(CertificateUnderLint subject) {
        X500Name issuerName = subject.certificate().toASN1Structure().getIssuer();
        X500Name issuerSubject = subject.issuer().toASN1Structure().getSubject();
        if (Arrays.equals(der(issuerName), der(issuerSubject))) {
            return List.of();
        }
        if (issuerName.toString().equals(issuerSubject.toString())) {
            return List.of("issuer name '" + issuerName + "' has the issuer certificate's subject text but a "
                    + "different encoding");
        }
        return List.of("issuer name '" + issuerName + "' does not equal the issuer certificate's subject '"
                + issuerSubject + "'");
    }

    static byte[] der(X500Name name) {
        try {
            return name.getEncoded("DER");
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode name", e);
        }
    }
}
