package dev.trustline.core.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Fluent builder of test CRLs, by default a well-formed CRL of the {@link Chain} intermediate. */
final class TestCrls {
    private X509CertificateHolder issuer = Chain.intermediate();
    private PrivateKey signingKey = Chain.INTERMEDIATE_KEYS.getPrivate();
    private X500Name issuerName;
    private Instant thisUpdate = Instant.parse("2025-07-01T00:00:00Z");
    private Instant nextUpdate = Instant.parse("2025-07-08T00:00:00Z");
    private ASN1Encodable crlNumber = new ASN1Integer(1);
    private ASN1Encodable authorityKeyId;
    private boolean omitAuthorityKeyId;
    private byte[] signatureBits;

    private TestCrls() {
    }

    static TestCrls builder() {
        return new TestCrls();
    }

    TestCrls issuedBy(X509CertificateHolder cert, PrivateKey key) {
        this.issuer = cert;
        this.signingKey = key;
        return this;
    }

    TestCrls signingKey(PrivateKey key) {
        this.signingKey = key;
        return this;
    }

    TestCrls issuerName(X500Name name) {
        this.issuerName = name;
        return this;
    }

    TestCrls updates(Instant thisTime, Instant nextTime) {
        this.thisUpdate = thisTime;
        this.nextUpdate = nextTime;
        return this;
    }

    /** The cRLNumber extension value; null omits the extension. */
    TestCrls crlNumber(ASN1Encodable value) {
        this.crlNumber = value;
        return this;
    }

    TestCrls authorityKeyId(ASN1Encodable value) {
        this.authorityKeyId = value;
        return this;
    }

    TestCrls withoutAuthorityKeyId() {
        this.omitAuthorityKeyId = true;
        return this;
    }

    TestCrls signatureBits(byte[] bits) {
        this.signatureBits = bits.clone();
        return this;
    }

    CrlUnderLint underLint() {
        return new CrlUnderLint(build(), issuer);
    }

    X509CRLHolder build() {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(issuerName != null ? issuerName : issuer.getSubject(),
                    Date.from(thisUpdate));
            if (nextUpdate != null) {
                builder.setNextUpdate(Date.from(nextUpdate));
            }
            builder.addCRLEntry(BigInteger.valueOf(1234), Date.from(thisUpdate), CRLReason.keyCompromise);
            if (crlNumber != null) {
                builder.addExtension(Extension.cRLNumber, false, crlNumber);
            }
            if (!omitAuthorityKeyId) {
                builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId != null ? authorityKeyId
                        : defaultAuthorityKeyId());
            }
            X509CRLHolder crl = builder.build(new JcaContentSignerBuilder(TestCerts.defaultAlgorithm(signingKey))
                    .setProvider("BC").build(signingKey));
            return signatureBits == null ? crl : withSignature(crl, signatureBits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private AuthorityKeyIdentifier defaultAuthorityKeyId() {
        return new BcX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.getSubjectPublicKeyInfo());
    }

    private static X509CRLHolder withSignature(X509CRLHolder crl, byte[] bits) throws IOException {
        CertificateList list = crl.toASN1Structure();
        DERSequence replaced = new DERSequence(new ASN1Encodable[] {list.getTBSCertList(),
                list.getSignatureAlgorithm(), new DERBitString(bits)});
        return new X509CRLHolder(replaced.getEncoded(ASN1Encoding.DER));
    }
}
