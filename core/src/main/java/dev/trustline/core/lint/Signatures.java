package dev.trustline.core.lint;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Signature verification with the BouncyCastle provider. Uses the registered "BC" provider when there is
 * one, else a private instance, so callers need not register BC globally.
 */
final class Signatures {
    private Signatures() {
    }

    static ContentVerifierProvider verifier(SubjectPublicKeyInfo key) throws OperatorCreationException {
        return new JcaContentVerifierProviderBuilder().setProvider(provider()).build(key);
    }

    static Provider provider() {
        Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        return registered != null ? registered : Holder.PRIVATE;
    }

    private static final class Holder {
        static final Provider PRIVATE = new BouncyCastleProvider();
    }
}
