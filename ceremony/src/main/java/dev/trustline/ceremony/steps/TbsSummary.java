package dev.trustline.ceremony.steps;

import dev.trustline.core.chain.PgpWords;
import dev.trustline.core.x509.Digests;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.TBSCertList;

/**
 * What the operator reads before typing yes: subject, issuer, validity, key, extensions, and the
 * SHA-256 of the exact TBS bytes as hex and as PGP words (to read aloud and compare with the paper).
 */
final class TbsSummary {

    private TbsSummary() {
    }

    static String of(String stepId, TBSCertificate tbs, String keyDescription, byte[] tbsDer) {
        List<String> lines = new ArrayList<>();
        lines.add("== step '" + stepId + "': certificate to be signed ==");
        lines.add("  subject:    " + tbs.getSubject());
        lines.add("  issuer:     " + tbs.getIssuer());
        lines.add("  validity:   " + tbs.getStartDate().getDate().toInstant() + " .. " + tbs.getEndDate().getDate().toInstant());
        lines.add("  serial:     " + dev.trustline.core.x509.Serials.hex(tbs.getSerialNumber().getValue()));
        lines.add("  key:        " + keyDescription + ", SPKI sha256 " + Digests.sha256Hex(der(tbs.getSubjectPublicKeyInfo())));
        extensions(tbs.getExtensions(), lines);
        digest(tbsDer, lines);
        return String.join(System.lineSeparator(), lines);
    }

    static String ofCrl(String stepId, TBSCertList tbs, byte[] tbsDer) {
        List<String> lines = new ArrayList<>();
        lines.add("== step '" + stepId + "': CRL to be signed ==");
        lines.add("  issuer:      " + tbs.getIssuer());
        lines.add("  this update: " + tbs.getThisUpdate().getDate().toInstant());
        lines.add("  next update: " + tbs.getNextUpdate().getDate().toInstant());
        TBSCertList.CRLEntry[] entries = tbs.getRevokedCertificates();
        lines.add("  revoked:     " + entries.length + " certificate(s)");
        for (TBSCertList.CRLEntry e : entries) {
            lines.add("    serial " + dev.trustline.core.x509.Serials.hex(e.getUserCertificate().getValue()) + " at " + e.getRevocationDate().getDate().toInstant());
        }
        extensions(tbs.getExtensions(), lines);
        digest(tbsDer, lines);
        return String.join(System.lineSeparator(), lines);
    }

    private static void extensions(Extensions exts, List<String> lines) {
        if (exts == null) {
            return;
        }
        lines.add("  extensions:");
        for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
            Extension e = exts.getExtension(oid);
            lines.add("    " + ExtensionText.name(oid) + (e.isCritical() ? " (critical)" : "") + ": "
                    + ExtensionText.describe(e));
        }
    }

    private static void digest(byte[] tbsDer, List<String> lines) {
        byte[] digest = Digests.sha256(tbsDer);
        lines.add("  TBS sha256: " + HexFormat.of().formatHex(digest));
        lines.add("  PGP words:  " + PgpWords.of(digest));
    }

    private static byte[] der(org.bouncycastle.asn1.ASN1Object o) {
        try {
            return o.getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
