package dev.trustline.core.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;

/**
 * No extension OID occurs twice. BouncyCastle's {@code Extensions} parser keeps only one of each OID (or
 * refuses the certificate), so this lint walks the raw extensions field [3] of the TBS itself. To lint a
 * certificate from bytes that may repeat an extension, parse it with {@link LenientCertificateParser}.
 */
public final class NoDuplicateExtensionsLint implements Lint {
    private static final int EXTENSIONS_TAG = 3;

    @Override
    public String name() {
        return "no-duplicate-extensions";
    }

    @Override
    public List<String> check(CertificateUnderLint subject) {
        ASN1Sequence tbs = ASN1Sequence.getInstance(
                subject.certificate().toASN1Structure().getTBSCertificate().toASN1Primitive());
        Map<ASN1ObjectIdentifier, Integer> counts = new LinkedHashMap<>();
        for (ASN1Encodable field : tbs) {
            if (field instanceof ASN1TaggedObject tagged && tagged.hasTag(BERTags.CONTEXT_SPECIFIC, EXTENSIONS_TAG)) {
                countOids(ASN1Sequence.getInstance(tagged, true), counts);
            }
        }
        List<String> problems = new ArrayList<>();
        counts.forEach((oid, count) -> {
            if (count > 1) {
                problems.add("extension " + Names.extension(oid) + " occurs " + count + " times");
            }
        });
        return problems;
    }

    private static void countOids(ASN1Sequence extensions, Map<ASN1ObjectIdentifier, Integer> counts) {
        for (ASN1Encodable extension : extensions) {
            ASN1ObjectIdentifier oid = ASN1ObjectIdentifier.getInstance(
                    ASN1Sequence.getInstance(extension).getObjectAt(0));
            counts.merge(oid, 1, Integer::sum);
        }
    }
}
