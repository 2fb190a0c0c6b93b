package dev.trustline.ceremony.plan;

import dev.trustline.ceremony.plan.CeremonyFile.RevokeConfig;
import dev.trustline.ceremony.plan.Steps.InputFile;
import dev.trustline.ceremony.plan.Steps.IssueCrl;
import dev.trustline.ceremony.plan.Steps.Revocation;
import dev.trustline.ceremony.plan.Steps.Revoke;
import dev.trustline.core.config.Problems;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * revoke: the issuer's next CRL. It carries every entry of the previous CRL (given as previous-crl) and one
 * more: a certificate given by file or by serial, with an RFC 5280 reason and, optionally, the invalidity date
 * (when the key is known or suspected to have been compromised).
 */
final class RevokePlanner {
    private RevokePlanner() {
    }

    static Revoke plan(RevokeConfig c, String path, X500Name issuer, Path baseDir, Problems p) {
        Instant thisUpdate = Times.parse(c.thisUpdate(), path + ".this-update", p);
        Instant nextUpdate = Times.parse(c.nextUpdate(), path + ".next-update", p);
        boolean ok = thisUpdate != null && nextUpdate != null
                && p.require(nextUpdate.isAfter(thisUpdate), path + ".next-update", "must be after this-update");
        ok &= p.require(c.crlNumber() != null && c.crlNumber() >= 0, path + ".crl-number", "is required and must not be negative");
        Integer reason = c.reason() == null ? null : CrlPlanner.REASONS.get(c.reason());
        ok &= p.require(reason != null, path + ".reason", "must be one of " + String.join(", ", CrlPlanner.REASONS.keySet().stream().sorted().toList()));
        Instant revokedAt = c.revokedAt() == null ? thisUpdate : Times.parse(c.revokedAt(), path + ".revoked-at", p);
        Instant invalidity = c.invalidityDate() == null ? null : Times.parse(c.invalidityDate(), path + ".invalidity-date", p);
        if (invalidity != null && revokedAt != null) {
            ok &= p.require(!invalidity.isAfter(revokedAt), path + ".invalidity-date", "must not be after the revocation time " + revokedAt);
        }
        Target target = target(c, path, issuer, baseDir, p);
        InputFile previous = c.previousCrl() == null ? null : InputFiles.read(baseDir, c.previousCrl(), path + ".previous-crl", p);
        List<Revocation> carried = previous == null ? List.of() : carried(previous, c, path + ".previous-crl", issuer, p);
        if (!ok || target == null || carried == null || revokedAt == null || issuer == null) {
            return null;
        }
        boolean listed = carried.stream().anyMatch(r -> r.serial().equals(target.serial));
        if (!p.require(!listed, path, "serial " + dev.trustline.core.x509.Serials.hex(target.serial) + " is already on the previous CRL")) {
            return null;
        }
        List<Revocation> all = new ArrayList<>(carried);
        all.add(new Revocation(target.file, target.serial, issuer, reason, revokedAt, invalidity));
        IssueCrl crl = new IssueCrl(c.id(), c.issuer(), BigInteger.valueOf(c.crlNumber()), thisUpdate, nextUpdate, all, c.output());
        return new Revoke(crl, previous);
    }

    private record Target(InputFile file, BigInteger serial) {
    }

    private static Target target(RevokeConfig c, String path, X500Name issuer, Path baseDir, Problems p) {
        if ((c.certificate() == null) == (c.serial() == null)) {
            p.add(path, "give exactly one of certificate: FILE or serial: HEX");
            return null;
        }
        if (c.serial() != null) {
            return p.require(c.serial().matches("[0-9a-fA-F]{1,40}"), path + ".serial", "must be the serial in hex (1-40 digits)")
                    ? new Target(null, new BigInteger(c.serial(), 16)) : null;
        }
        InputFile in = InputFiles.read(baseDir, c.certificate(), path + ".certificate", p);
        X509CertificateHolder cert = in == null ? null : InputFiles.certificate(in, path + ".certificate", p);
        if (cert == null || (issuer != null && !p.require(cert.getIssuer().equals(issuer), path + ".certificate",
                in.path() + " was issued by " + cert.getIssuer() + ", not by this CRL's issuer"))) {
            return null;
        }
        return new Target(in, cert.getSerialNumber());
    }

    /** The previous CRL's entries; it must be this issuer's, with a lower CRL number. */
    private static List<Revocation> carried(InputFile in, RevokeConfig c, String path, X500Name issuer, Problems p) {
        X509CRLHolder crl;
        try {
            crl = parse(in.bytes());
        } catch (IOException | RuntimeException e) {
            p.add(path, in.path() + " is not a CRL (PEM or DER)");
            return null;
        }
        if (issuer != null && !p.require(crl.getIssuer().equals(issuer), path, in.path() + " is a CRL of " + crl.getIssuer() + ", not of the issuer")) {
            return null;
        }
        Extension number = crl.getExtension(Extension.cRLNumber);
        BigInteger previous = number == null ? BigInteger.valueOf(-1) : CRLNumber.getInstance(number.getParsedValue()).getCRLNumber();
        if (c.crlNumber() != null && !p.require(BigInteger.valueOf(c.crlNumber()).compareTo(previous) > 0, path.replace(".previous-crl", ".crl-number"),
                "must be greater than the previous CRL's number " + previous)) {
            return null;
        }
        List<Revocation> out = new ArrayList<>();
        for (Object o : crl.getRevokedCertificates()) {
            X509CRLEntryHolder e = (X509CRLEntryHolder) o;
            Extension r = e.getExtension(Extension.reasonCode);
            int reason = r == null ? CRLReason.unspecified : CRLReason.getInstance(r.getParsedValue()).getValue().intValue();
            out.add(new Revocation(null, e.getSerialNumber(), crl.getIssuer(), reason, e.getRevocationDate().toInstant(), invalidity(e)));
        }
        return out;
    }

    private static Instant invalidity(X509CRLEntryHolder e) {
        Extension x = e.getExtension(Extension.invalidityDate);
        try {
            return x == null ? null : ASN1GeneralizedTime.getInstance(x.getParsedValue()).getDate().toInstant();
        } catch (ParseException ex) {
            return null;
        }
    }

    static X509CRLHolder parse(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.startsWith("-----BEGIN X509 CRL-----")) {
            try (PemReader r = new PemReader(new StringReader(text))) {
                return new X509CRLHolder(r.readPemObject().getContent());
            }
        }
        return new X509CRLHolder(bytes);
    }
}
