package dev.trustline.core.policy;

import dev.trustline.core.config.Problems;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where relying parties check a device certificate: the CRL distribution point and the OCSP responder the
 * policy writes into every device certificate (http URLs, as RFC 5280 and RFC 6960 expect; the signer serves
 * both without client authentication). Null means the policy writes none.
 */
public record Revocation(String crlUrl, String ocspUrl) {
    public static final Revocation NONE = new Revocation(null, null);

    static Revocation parse(PolicyFile.RevocationConfig c, Problems p) {
        if (c == null) {
            return NONE;
        }
        String crl = url(c.crlUrl(), "revocation.crl-url", p);
        if (crl != null) {
            p.require(crl.endsWith(".crl"), "revocation.crl-url", "must end in .crl (the signer serves GET /crl/NAME.crl)");
        }
        return new Revocation(crl, url(c.ocspUrl(), "revocation.ocsp-url", p));
    }

    private static String url(String value, String path, Problems p) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            return p.require("http".equals(uri.getScheme()) && uri.getHost() != null && uri.getRawQuery() == null
                    && uri.getRawFragment() == null, path, "'" + value
                    + "' must be a plain http:// URL with a host (relying parties fetch it without TLS)") ? value : null;
        } catch (URISyntaxException e) {
            p.add(path, "'" + value + "' is not a URL");
            return null;
        }
    }
}
