package dev.trustline.ceremony.plan;

import dev.trustline.ceremony.plan.CeremonyFile.ProfileConfig;
import dev.trustline.ceremony.plan.CeremonyFile.ValidityConfig;
import dev.trustline.core.Environment;
import dev.trustline.core.config.Problems;
import dev.trustline.core.x509.CaProfile;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.NameConstraints;

/** Turns a ceremony file's profile into a {@link CaProfile}, checking it against its issuer's profile. */
final class ProfileParser {
    private static final Map<String, KeyPurposeId> EKUS = Map.of(
            "clientAuth", KeyPurposeId.id_kp_clientAuth, "serverAuth", KeyPurposeId.id_kp_serverAuth,
            "codeSigning", KeyPurposeId.id_kp_codeSigning, "emailProtection", KeyPurposeId.id_kp_emailProtection,
            "timeStamping", KeyPurposeId.id_kp_timeStamping, "OCSPSigning", KeyPurposeId.id_kp_OCSPSigning);

    private ProfileParser() {
    }

    static CaProfile root(Environment environment, Map<String, String> subject, ValidityConfig validity, Integer pathLen, String path, Problems p) {
        X500Name name = Names.parse(subject, path + ".subject", true, p);
        Instant[] window = validity(validity, path + ".validity", p);
        p.require(pathLen == null || pathLen >= 0, path + ".path-len", "must not be negative");
        if (environment == null || name == null || window == null || (pathLen != null && pathLen < 0)) {
            return null;
        }
        return new CaProfile(environment, name, window[0], window[1], pathLen, List.of(), null, List.of(), List.of(), List.of());
    }

    /** An intermediate's profile; {@code issuer} is the validated issuer profile, or null if it was invalid. */
    static CaProfile intermediate(Environment environment, ProfileConfig c, CaProfile issuer, String path, Problems p) {
        if (!p.requirePresent(c, path)) {
            return null;
        }
        X500Name name = Names.parse(c.subject(), path + ".subject", true, p);
        Instant[] window = validity(c.validity(), path + ".validity", p);
        int pathLen = c.pathLen() == null ? 0 : c.pathLen();
        List<KeyPurposeId> ekus = ekus(c.extKeyUsage(), path + ".ext-key-usage", p);
        NameConstraints nc = NameConstraintsParser.parse(c.nameConstraints(), path + ".name-constraints", p);
        boolean ok = checkAgainstIssuer(issuer, window, pathLen, path, p) & urls(c, path, p);
        if (environment == null || name == null || window == null || ekus == null || (c.nameConstraints() != null && nc == null) || !ok) {
            return null;
        }
        return new CaProfile(environment, name, window[0], window[1], pathLen, ekus, nc, list(c.crlDistributionPoints()),
                list(c.caIssuers()), list(c.ocsp()));
    }

    private static boolean checkAgainstIssuer(CaProfile issuer, Instant[] window, int pathLen, String path, Problems p) {
        boolean ok = p.require(pathLen >= 0, path + ".path-len", "must not be negative");
        if (issuer == null || window == null) {
            return ok;
        }
        ok &= p.require(!window[0].isBefore(issuer.notBefore()), path + ".validity.not-before",
                "is before the issuer's not-before " + issuer.notBefore());
        ok &= p.require(!window[1].isAfter(issuer.notAfter()), path + ".validity.not-after",
                "is after the issuer's not-after " + issuer.notAfter());
        if (issuer.pathLen() != null) {
            ok &= p.require(pathLen < issuer.pathLen(), path + ".path-len",
                    "must be less than the issuer's path-len " + issuer.pathLen());
        }
        return ok;
    }

    static Instant[] validity(ValidityConfig v, String path, Problems p) {
        if (!p.requirePresent(v, path)) {
            return null;
        }
        Instant from = Times.parse(v.notBefore(), path + ".not-before", p);
        Instant to = Times.parse(v.notAfter(), path + ".not-after", p);
        if (from == null || to == null) {
            return null;
        }
        return p.require(to.isAfter(from), path + ".not-after", "must be after not-before") ? new Instant[] {from, to} : null;
    }

    private static List<KeyPurposeId> ekus(List<String> names, String path, Problems p) {
        List<KeyPurposeId> out = new ArrayList<>();
        if (names == null) {
            return out;
        }
        boolean ok = p.require(!names.isEmpty(), path, "must not be an empty list (leave it out for no restriction)");
        for (int i = 0; i < names.size(); i++) {
            KeyPurposeId id = EKUS.get(names.get(i));
            ok &= p.require(id != null, path + "[" + i + "]", "unknown extended key usage '" + names.get(i)
                    + "' (allowed: " + String.join(", ", EKUS.keySet().stream().sorted().toList()) + ")");
            ok &= p.require(id == null || !out.contains(id), path + "[" + i + "]", "is listed twice");
            out.add(id);
        }
        return ok ? out : null;
    }

    private static boolean urls(ProfileConfig c, String path, Problems p) {
        return url(c.crlDistributionPoints(), path + ".crl-distribution-points", p)
                & url(c.caIssuers(), path + ".ca-issuers", p) & url(c.ocsp(), path + ".ocsp", p);
    }

    private static boolean url(List<String> urls, String path, Problems p) {
        boolean ok = true;
        for (int i = 0; urls != null && i < urls.size(); i++) {
            ok &= p.require(isHttpUrl(urls.get(i)), path + "[" + i + "]", "'" + urls.get(i) + "' is not an http(s) URL");
        }
        return ok;
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI uri = new URI(s);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException | NullPointerException e) {
            return false;
        }
    }

    private static List<String> list(List<String> l) {
        return l == null ? List.of() : l;
    }
}
