package dev.trustline.core.x509;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The BouncyCastle provider for software-only work (verifying CSRs and signatures); never registered globally. */
public final class Bc {
    private static final Provider PROVIDER = new BouncyCastleProvider();

    private Bc() {
    }

    public static Provider provider() {
        return PROVIDER;
    }
}
