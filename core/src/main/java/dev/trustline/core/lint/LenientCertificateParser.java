package dev.trustline.core.lint;

import java.io.IOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.Properties;

/**
 * Parses a DER certificate even when it repeats an extension, which BouncyCastle refuses by default
 * ("repeated extension found"), so that {@link NoDuplicateExtensionsLint} can report it. The holder keeps the
 * raw TBS; its typed extension accessors see only one of each repeated OID. The relaxation is a
 * thread-local BouncyCastle override held only while parsing.
 */
public final class LenientCertificateParser {
    static final String IGNORE_REPEATED_EXTENSIONS = "org.bouncycastle.x509.ignore_repeated_extensions";

    private LenientCertificateParser() {
    }

    public static X509CertificateHolder parse(byte[] der) throws IOException {
        if (Properties.isOverrideSet(IGNORE_REPEATED_EXTENSIONS)) {
            return new X509CertificateHolder(der);
        }
        Properties.setThreadOverride(IGNORE_REPEATED_EXTENSIONS, true);
        try {
            return new X509CertificateHolder(der);
        } finally {
            Properties.removeThreadOverride(IGNORE_REPEATED_EXTENSIONS);
        }
    }
}
