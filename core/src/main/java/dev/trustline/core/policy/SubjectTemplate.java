package dev.trustline.core.policy;

import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** The leaf subject: attributes in order, each one RDN, values with {@code {device_id}} filled in. */
public record SubjectTemplate(List<Attribute> attributes) {
    public SubjectTemplate {
        attributes = List.copyOf(attributes);
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("a subject template needs at least one attribute");
        }
    }

    /** One RDN: its short name (e.g. {@code OU}), type and value template. */
    public record Attribute(String name, ASN1ObjectIdentifier type, String template) {
        public Attribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(template, "template");
        }

        /** True when the value does not depend on the device ID. */
        public boolean fixed() {
            return !Placeholders.hasPlaceholder(template);
        }
    }

    /** The subject for {@code deviceId}, encoded as BouncyCastle's default style does (UTF8String mostly). */
    public X500Name render(String deviceId) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        for (Attribute a : attributes) {
            builder.addRDN(a.type(), Placeholders.render(a.template(), deviceId));
        }
        return builder.build();
    }
}
