package dev.trustline.ceremony.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustline.core.Environment;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

/** The operator's summary reads extensions as text: no stray punctuation, the environment named. */
class ExtensionTextTest {
    @Test
    void describe_caIssuers_hasNoStrayComma() throws Exception {
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(new DERSequence(new AccessDescription[] {
            new AccessDescription(AccessDescription.id_ad_ocsp, uri("http://ocsp.example.test")),
            new AccessDescription(AccessDescription.id_ad_caIssuers, uri("http://pki.example.test/root.crt"))}));
        assertEquals("ocsp: http://ocsp.example.test, caIssuers: http://pki.example.test/root.crt",
                ExtensionText.describe(new Extension(Extension.authorityInfoAccess, false, aia.getEncoded())));
    }

    @Test
    void describe_certificatePolicies_namesTheTrustLineEnvironment() throws Exception {
        Extension e = new Extension(Extension.certificatePolicies, false, Environment.PRODUCTION.certificatePolicies().getEncoded());
        assertEquals(Environment.PRODUCTION.oid().getId() + " (TrustLine production)", ExtensionText.describe(e));
    }

    private static GeneralName uri(String u) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, u);
    }
}
