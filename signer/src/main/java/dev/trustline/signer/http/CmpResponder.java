package dev.trustline.signer.http;

import dev.trustline.core.TrustLineException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Who signs the signer's CMP responses: the TLS server identity (its key and chain from the server's
 * PKCS#12), never the issuing CA key, which signs device certificates and nothing else.
 */
record CmpResponder(PrivateKey key, List<X509CertificateHolder> chain) {
    CmpResponder {
        chain = List.copyOf(chain);
    }

    static CmpResponder from(KeyStore tlsKeys, char[] password) throws TrustLineException {
        try {
            for (String alias : Collections.list(tlsKeys.aliases())) {
                if (tlsKeys.isKeyEntry(alias)) {
                    List<X509CertificateHolder> chain = new ArrayList<>();
                    for (Certificate c : tlsKeys.getCertificateChain(alias)) {
                        chain.add(new X509CertificateHolder(c.getEncoded()));
                    }
                    return new CmpResponder((PrivateKey) tlsKeys.getKey(alias, password), chain);
                }
            }
            throw new TrustLineException("the TLS key store holds no key to sign CMP responses with");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TrustLineException("cannot read the TLS key for CMP responses: " + e.getMessage(), e);
        }
    }

    X509CertificateHolder certificate() {
        return chain.get(0);
    }

    ContentSigner signer() throws OperatorCreationException {
        String alg = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaContentSignerBuilder(alg).build(key);
    }
}
