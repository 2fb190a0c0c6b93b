package dev.trustline.core.lint;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Fluent builder of test certificates. The TBS is assembled by hand (raw ASN.1) so that tests can produce
 * what a normal builder refuses: repeated extensions, a TBS signature field that differs from the outer
 * one, a foreign signing key or garbage signature bits.
 */
final class TestCerts {
    static final Instant DEFAULT_NOT_BEFORE = Instant.parse("2025-06-01T00:00:00Z");
    static final Instant DEFAULT_NOT_AFTER = Instant.parse("2026-06-01T00:00:00Z");
    private static final Random SERIALS = new Random(42);

    private X500Name subject = new X500Name("CN=Test");
    private KeyPair keys = Keys.p256("subject");
    private SubjectPublicKeyInfo publicKeyInfo;
    private X509CertificateHolder issuerCert;
    private PrivateKey issuerKey;
    private X500Name issuerName;
    private BigInteger serial = randomSerial();
    private Instant notBefore = DEFAULT_NOT_BEFORE;
    private Instant notAfter = DEFAULT_NOT_AFTER;
    private final Map<ASN1ObjectIdentifier, Extension> extensions = new LinkedHashMap<>();
    private final List<Extension> duplicates = new ArrayList<>();
    private final Set<ASN1ObjectIdentifier> suppressed = new HashSet<>();
    private String signatureAlgorithm;
    private AlgorithmIdentifier tbsSignatureAlgorithm;
    private PrivateKey signingKey;
    private byte[] signatureBits;

    private TestCerts() {
    }

    static TestCerts builder() {
        return new TestCerts();
    }

    /** 16 random bytes with the top bit cleared (and the next one set so it always has 127 bits). */
    static BigInteger randomSerial() {
        byte[] bytes = new byte[16];
        SERIALS.nextBytes(bytes);
        bytes[0] = (byte) ((bytes[0] & 0x7f) | 0x40);
        return new BigInteger(1, bytes);
    }

    TestCerts subject(String dn) {
        return subject(new X500Name(dn));
    }

    TestCerts subject(X500Name name) {
        this.subject = name;
        return this;
    }

    TestCerts keys(KeyPair keyPair) {
        this.keys = keyPair;
        return this;
    }

    /** Replaces the subject public key info written into the TBS (e.g. explicit EC parameters). */
    TestCerts publicKeyInfo(SubjectPublicKeyInfo spki) {
        this.publicKeyInfo = spki;
        return this;
    }

    TestCerts issuedBy(X509CertificateHolder issuer, KeyPair issuerKeys) {
        this.issuerCert = issuer;
        this.issuerKey = issuerKeys.getPrivate();
        return this;
    }

    TestCerts issuerName(X500Name name) {
        this.issuerName = name;
        return this;
    }

    TestCerts serial(BigInteger value) {
        this.serial = value;
        return this;
    }

    TestCerts validity(Instant from, Instant to) {
        this.notBefore = from;
        this.notAfter = to;
        return this;
    }

    TestCerts validity(String from, String to) {
        return validity(Instant.parse(from), Instant.parse(to));
    }

    /** basicConstraints critical cA=true (with pathLen if not null), keyUsage critical keyCertSign|cRLSign. */
    TestCerts ca(Integer pathLen) {
        extension(Extension.basicConstraints, true,
                pathLen == null ? new BasicConstraints(true) : new BasicConstraints(pathLen));
        return extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    /** keyUsage critical digitalSignature, no basicConstraints. */
    TestCerts leaf() {
        return extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    }

    TestCerts eku(KeyPurposeId... purposes) {
        return extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
    }

    /** Adds or replaces an extension; SKI/AKI set here are used instead of the computed ones. */
    TestCerts extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        extensions.put(oid, new Extension(oid, critical, encode(value)));
        return this;
    }

    /** Drops an extension, including the automatically added subjectKeyIdentifier/authorityKeyIdentifier. */
    TestCerts without(ASN1ObjectIdentifier oid) {
        extensions.remove(oid);
        suppressed.add(oid);
        return this;
    }

    /** Appends a second copy of the extension {@code oid} (which must already be set). */
    TestCerts duplicate(ASN1ObjectIdentifier oid) {
        duplicates.add(extensions.get(oid));
        return this;
    }

    TestCerts signatureAlgorithm(String jcaName) {
        this.signatureAlgorithm = jcaName;
        return this;
    }

    /** Writes this algorithm into the TBS signature field, leaving the outer one as signed. */
    TestCerts tbsSignatureAlgorithm(AlgorithmIdentifier algorithm) {
        this.tbsSignatureAlgorithm = algorithm;
        return this;
    }

    /** Signs with this key instead of the issuer's (the signature then fails to verify). */
    TestCerts signingKey(PrivateKey key) {
        this.signingKey = key;
        return this;
    }

    TestCerts signatureBits(byte[] bits) {
        this.signatureBits = bits.clone();
        return this;
    }

    X509CertificateHolder build() {
        SubjectPublicKeyInfo spki = publicKeyInfo != null ? publicKeyInfo
                : SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        PrivateKey signer = signingKey != null ? signingKey : issuerKey != null ? issuerKey : keys.getPrivate();
        ContentSigner contentSigner = contentSigner(signer);
        AlgorithmIdentifier outer = contentSigner.getAlgorithmIdentifier();
        DERSequence tbs = tbs(spki, tbsSignatureAlgorithm != null ? tbsSignatureAlgorithm : outer);
        byte[] signature = signatureBits != null ? signatureBits : sign(contentSigner, tbs);
        DERSequence certificate = new DERSequence(new ASN1Encodable[] {tbs, outer, new DERBitString(signature)});
        try {
            return LenientCertificateParser.parse(certificate.getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DERSequence tbs(SubjectPublicKeyInfo spki, AlgorithmIdentifier signature) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new DERTaggedObject(true, 0, new ASN1Integer(2)));
        v.add(new ASN1Integer(serial));
        v.add(signature);
        v.add(issuerName != null ? issuerName : issuerCert != null ? issuerCert.getSubject() : subject);
        v.add(new DERSequence(new ASN1Encodable[] {new Time(Date.from(notBefore)), new Time(Date.from(notAfter))}));
        v.add(subject);
        v.add(spki);
        List<Extension> all = allExtensions(spki);
        if (!all.isEmpty()) {
            v.add(new DERTaggedObject(true, 3, new DERSequence(all.toArray(new ASN1Encodable[0]))));
        }
        return new DERSequence(v);
    }

    private List<Extension> allExtensions(SubjectPublicKeyInfo spki) {
        List<Extension> all = new ArrayList<>(extensions.values());
        BcX509ExtensionUtils utils = new BcX509ExtensionUtils();
        if (!extensions.containsKey(Extension.subjectKeyIdentifier) && !suppressed.contains(Extension.subjectKeyIdentifier)) {
            SubjectKeyIdentifier ski = utils.createSubjectKeyIdentifier(spki);
            all.add(new Extension(Extension.subjectKeyIdentifier, false, encode(ski)));
        }
        if (issuerCert != null && !extensions.containsKey(Extension.authorityKeyIdentifier)
                && !suppressed.contains(Extension.authorityKeyIdentifier)) {
            AuthorityKeyIdentifier aki = utils.createAuthorityKeyIdentifier(issuerCert.getSubjectPublicKeyInfo());
            all.add(new Extension(Extension.authorityKeyIdentifier, false, encode(aki)));
        }
        all.addAll(duplicates);
        return all;
    }

    private ContentSigner contentSigner(PrivateKey key) {
        try {
            String algorithm = signatureAlgorithm != null ? signatureAlgorithm : defaultAlgorithm(key);
            return new JcaContentSignerBuilder(algorithm).setProvider("BC").build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String defaultAlgorithm(PrivateKey key) {
        if (key instanceof ECPrivateKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        if (key instanceof RSAPrivateKey) {
            return "SHA256withRSA";
        }
        return key.getAlgorithm();
    }

    private static byte[] sign(ContentSigner signer, DERSequence tbs) {
        try (OutputStream out = signer.getOutputStream()) {
            out.write(tbs.getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return signer.getSignature();
    }

    static byte[] encode(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
