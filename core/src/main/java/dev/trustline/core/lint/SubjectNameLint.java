package dev.trustline.core.lint;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** The subject is a non-empty DN with a commonName and no empty attribute values. */
public final class SubjectNameLint implements Lint {
    @Override
    public String name() {
        return "subject-name";
    }

    @Override
    public List<String> check(CertificateUnderLint subject) {
        X500Name name = subject.certificate().getSubject();
        if (name.getRDNs().length == 0) {
            return List.of("subject is empty");
        }
        List<String> problems = new ArrayList<>();
        if (name.getRDNs(BCStyle.CN).length == 0) {
            problems.add("subject has no commonName (CN)");
        }
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (isBlank(atv.getValue())) {
                    problems.add("subject attribute " + Names.attribute(atv.getType()) + " has an empty value");
                }
            }
        }
        return problems;
    }

    private static boolean isBlank(ASN1Encodable value) {
        if (value instanceof ASN1String text) {
            return text.getString().isBlank();
        }
        if (value instanceof ASN1OctetString octets) {
            return octets.getOctets().length == 0;
        }
        return false;
    }
}
