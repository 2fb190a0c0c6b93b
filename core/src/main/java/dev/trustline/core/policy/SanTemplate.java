package dev.trustline.core.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** subjectAltName entries for the leaf: URI and DNS templates with {@code {device_id}} filled in. */
public record SanTemplate(List<String> uris, List<String> dns) {
    static final Pattern HOST_NAME = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    public static final SanTemplate NONE = new SanTemplate(List.of(), List.of());

    public SanTemplate {
        uris = List.copyOf(uris);
        dns = List.copyOf(dns);
    }

    public boolean isEmpty() {
        return uris.isEmpty() && dns.isEmpty();
    }

    /** The names for {@code deviceId}, or empty when there are none; refuses names the device ID makes invalid. */
    public Optional<GeneralNames> render(String deviceId) throws PolicyException {
        List<GeneralName> names = new ArrayList<>();
        for (String template : uris) {
            String uri = Placeholders.render(template, deviceId);
            if (!isAbsoluteUri(uri)) {
                throw new PolicyException("subjectAltName URI '" + uri + "' for device ID '" + deviceId + "' is not a valid URI");
            }
            names.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
        }
        for (String template : dns) {
            String host = Placeholders.render(template, deviceId);
            if (!isHostName(host)) {
                throw new PolicyException("subjectAltName DNS name '" + host + "' for device ID '" + deviceId
                        + "' is not a valid host name");
            }
            names.add(new GeneralName(GeneralName.dNSName, host));
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(new GeneralNames(names.toArray(new GeneralName[0])));
    }

    static boolean isAbsoluteUri(String value) {
        try {
            return new URI(value).getScheme() != null && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean isHostName(String value) {
        return value.length() <= 253 && HOST_NAME.matcher(value).matches();
    }
}
