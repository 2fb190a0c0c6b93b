package dev.trustline.core.hsm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

/** Lists token objects (session objects vanish with their session) and destroys objects by label or ID, through ipkcs11wrapper in the logged-in session state. */
final class TokenObjects {
    static final int MAX_OBJECTS = 10_000;

    private TokenObjects() {
    }

    static List<TokenObject> list(Session s) throws PKCS11Exception {
        List<TokenObject> out = new ArrayList<>();
        for (long handle : s.findObjectsSingle(new AttributeVector().token(true), MAX_OBJECTS)) {
            out.add(describe(s, handle));
        }
        return out;
    }

    /** Destroys every object whose CKA_ID is the label's bytes or whose CKA_LABEL is the label; returns what they were. */
    static List<TokenObject> destroy(Session s, String label) throws PKCS11Exception {
        Set<Long> handles = new LinkedHashSet<>();
        for (long h : s.findObjectsSingle(new AttributeVector().id(label.getBytes(StandardCharsets.UTF_8)), MAX_OBJECTS)) {
            handles.add(h);
        }
        for (long h : s.findObjectsSingle(new AttributeVector().label(label), MAX_OBJECTS)) {
            handles.add(h);
        }
        List<TokenObject> destroyed = new ArrayList<>();
        for (long h : handles) {
            destroyed.add(describe(s, h));
            s.destroyObject(h);
        }
        return destroyed;
    }

    private static TokenObject describe(Session s, long handle) throws PKCS11Exception {
        AttributeVector a = s.getAttrValues(handle, PKCS11Constants.CKA_CLASS, PKCS11Constants.CKA_LABEL, PKCS11Constants.CKA_ID);
        byte[] id = a.id();
        return new TokenObject(kind(a.class_()), a.label() == null ? "" : a.label().trim(), id == null ? "" : HexFormat.of().formatHex(id));
    }

    private static String kind(Long cls) {
        if (cls == null) {
            return "unknown";
        }
        if (cls == PKCS11Constants.CKO_PRIVATE_KEY) {
            return "private-key";
        }
        if (cls == PKCS11Constants.CKO_PUBLIC_KEY) {
            return "public-key";
        }
        if (cls == PKCS11Constants.CKO_CERTIFICATE) {
            return "certificate";
        }
        if (cls == PKCS11Constants.CKO_SECRET_KEY) {
            return "secret-key";
        }
        return cls == PKCS11Constants.CKO_DATA ? "data" : "class-" + cls;
    }
}
