package dev.trustline.core.hsm;

import dev.trustline.core.x509.KeyAlgorithm;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.operator.ContentSigner;

/**
 * One logged-in token, found by module path and label, used through the JDK's SunPKCS11 provider.
 * This is the only place that signs with an HSM key: {@link #signer} is TrustLine's signing seam.
 */
public final class HsmToken {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Pkcs11Library library;
    private final TokenIdentity identity;
    private final Provider provider;
    private final KeyStore keyStore;
    private final KeyAttributes attributes;
    /** Key handles looked up once: a KeyStore lookup reads attributes from the token every time. */
    private final TokenContentSigner contentSigner;
    private final java.util.concurrent.ConcurrentMap<String, PrivateKey> keys = new java.util.concurrent.ConcurrentHashMap<>();

    private HsmToken(Pkcs11Library library, Pkcs11Library.TokenSlot slot, Provider provider, KeyStore keyStore) {
        this.library = library;
        this.identity = slot.identity();
        this.provider = provider;
        this.contentSigner = new TokenContentSigner(provider);
        this.keyStore = keyStore;
        this.attributes = new KeyAttributes(library, slot.slotId());
    }

    /** Opens the token labelled {@code label} and logs in; the caller wipes {@code pin} afterwards. */
    public static HsmToken open(Path modulePath, String label, char[] pin) throws HsmException {
        Pkcs11Library library = Pkcs11Library.load(modulePath);
        Pkcs11Library.TokenSlot slot = library.findToken(label);
        Provider provider = configure(library, slot);
        return new HsmToken(library, slot, provider, login(provider, label, pin));
    }

    private static Provider configure(Pkcs11Library library, Pkcs11Library.TokenSlot slot) throws HsmException {
        String config = String.join("\n",
                "name=TrustLine" + INSTANCES.incrementAndGet(),
                "library=" + library.path(),
                "slot=" + slot.slotId(),
                "attributes(generate, CKO_PRIVATE_KEY, *) = {",
                "  CKA_TOKEN=true", "  CKA_PRIVATE=true", "  CKA_SENSITIVE=true", "  CKA_EXTRACTABLE=false",
                "  CKA_SIGN=true", "  CKA_DECRYPT=false", "  CKA_UNWRAP=false", "  CKA_DERIVE=false", "}",
                "attributes(generate, CKO_PUBLIC_KEY, *) = {",
                "  CKA_ENCRYPT=false", "  CKA_WRAP=false", "  CKA_VERIFY=true", "}");
        try {
            return Security.getProvider("SunPKCS11").configure("--" + config);
        } catch (RuntimeException e) {
            throw new HsmException("cannot configure SunPKCS11 for token '" + slot.identity().label() + "': "
                    + rootMessage(e), e);
        }
    }

    private static KeyStore login(Provider provider, String label, char[] pin) throws HsmException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS11", provider);
            ks.load(null, pin);
            return ks;
        } catch (IOException e) {
            throw new HsmException("login to token '" + label + "' failed: " + loginReason(e), e);
        } catch (GeneralSecurityException e) {
            throw new HsmException("cannot open the key store of token '" + label + "': " + rootMessage(e), e);
        }
    }

    private static String loginReason(Throwable e) {
        String root = rootMessage(e);
        if (root.contains("CKR_PIN_INCORRECT")) {
            return "wrong PIN";
        }
        if (root.contains("CKR_PIN_LOCKED")) {
            return "PIN locked";
        }
        return root;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public TokenIdentity identity() {
        return identity;
    }

    public Path modulePath() {
        return library.path();
    }

    /** True when a key, certificate or any object already uses this label or id. */
    public boolean hasKey(String label) throws HsmException {
        try {
            return keyStore.containsAlias(label) || attributes.labelInUse(label);
        } catch (java.security.KeyStoreException e) {
            throw new HsmException("cannot list keys of token '" + identity.label() + "'", e);
        }
    }

    /** Generates a signing key inside the token; refuses a label in use. */
    public GeneratedKey generateKey(String label, KeyAlgorithm algorithm) throws HsmException {
        return new KeyGeneration(this, keyStore, provider, attributes).generate(label, algorithm);
    }

    /** The signing seam: a ContentSigner whose private key never leaves the token. */
    public ContentSigner signer(String label, String signatureAlgorithm) throws HsmException {
        try {
            return contentSigner.signer(privateKey(label), signatureAlgorithm);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new HsmException("cannot sign with key '" + label + "': " + rootMessage(e), e);
        }
    }

    /** The public key of key {@code label}, from the certificate object stored beside it. */
    public PublicKey publicKey(String label) throws HsmException {
        try {
            Certificate cert = keyStore.getCertificate(label);
            if (cert == null) {
                throw new HsmException("token '" + identity.label() + "' has no key labelled '" + label + "'");
            }
            return ((X509Certificate) cert).getPublicKey();
        } catch (java.security.KeyStoreException e) {
            throw new HsmException("cannot read key '" + label + "'", e);
        }
    }

    private PrivateKey privateKey(String label) throws HsmException {
        PrivateKey cached = keys.get(label);
        if (cached != null) {
            return cached;
        }
        PrivateKey key = lookUp(label);
        keys.put(label, key);
        return key;
    }

    private PrivateKey lookUp(String label) throws HsmException {
        try {
            PrivateKey key = (PrivateKey) keyStore.getKey(label, null);
            if (key == null) {
                throw new HsmException("token '" + identity.label() + "' has no key labelled '" + label + "'");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new HsmException("cannot load key '" + label + "': " + rootMessage(e), e);
        }
    }

    /** Every object the logged-in user sees on the token (kind, label, id), in the token's order. */
    public java.util.List<TokenObject> objects() throws HsmException {
        return attributes.objects();
    }

    /**
     * Destroys key {@code label}: every object whose CKA_ID is the label's bytes or whose CKA_LABEL is the label
     * (private key, public key, the placeholder certificate); returns what was destroyed. The key cannot sign again.
     */
    public java.util.List<TokenObject> destroyKey(String label) throws HsmException {
        keys.remove(label);
        return attributes.destroy(label);
    }

    public KeyEvidence evidence(String label) throws HsmException {
        return attributes.evidence(label);
    }

    static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
