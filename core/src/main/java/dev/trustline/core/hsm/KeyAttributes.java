package dev.trustline.core.hsm;

import java.nio.charset.StandardCharsets;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

/**
 * Reads and names private-key objects through ipkcs11wrapper on a token SunPKCS11 is logged in to
 * (the login state is per process and token, so no PIN is needed here). Never logs out.
 */
final class KeyAttributes {
    private final Pkcs11Library library;
    private final long slotId;

    KeyAttributes(Pkcs11Library library, long slotId) {
        this.library = library;
        this.slotId = slotId;
    }

    /** True when any object on the token has this CKA_LABEL or this CKA_ID. */
    boolean labelInUse(String label) throws HsmException {
        byte[] id = label.getBytes(StandardCharsets.UTF_8);
        return withSession(s -> s.findObjectsSingle(new AttributeVector().label(label), 1).length > 0
                || s.findObjectsSingle(new AttributeVector().id(id), 1).length > 0);
    }

    /** Gives the private key with CKA_ID = label bytes the CKA_LABEL too, so pkcs11-tool shows it. */
    void labelPrivateKey(String label) throws HsmException {
        withSession(s -> {
            s.setAttributeValues(privateKeyHandle(s, label), new AttributeVector().label(label));
            return null;
        });
    }

    java.util.List<TokenObject> objects() throws HsmException {
        return withSession(TokenObjects::list);
    }

    java.util.List<TokenObject> destroy(String label) throws HsmException {
        return withSession(s -> TokenObjects.destroy(s, label));
    }

    KeyEvidence evidence(String label) throws HsmException {
        return withSession(s -> {
            AttributeVector a = s.getAttrValues(privateKeyHandle(s, label), PKCS11Constants.CKA_LOCAL,
                    PKCS11Constants.CKA_ALWAYS_SENSITIVE, PKCS11Constants.CKA_NEVER_EXTRACTABLE,
                    PKCS11Constants.CKA_SENSITIVE, PKCS11Constants.CKA_EXTRACTABLE, PKCS11Constants.CKA_TOKEN,
                    PKCS11Constants.CKA_PRIVATE);
            return new KeyEvidence(isTrue(a.local()), isTrue(a.alwaysSensitive()), isTrue(a.neverExtractable()),
                    isTrue(a.sensitive()), isTrue(a.extractable()), isTrue(a.token()), isTrue(a.private_()));
        });
    }

    private static boolean isTrue(Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    private static long privateKeyHandle(Session s, String label) throws PKCS11Exception {
        AttributeVector template = AttributeVector.newPrivateKey().id(label.getBytes(StandardCharsets.UTF_8));
        long[] handles = s.findObjectsSingle(template, 2);
        if (handles.length != 1) {
            throw new PKCS11Exception(PKCS11Constants.CKR_KEY_HANDLE_INVALID,
                    handles.length + " private keys with id '" + label + "'");
        }
        return handles[0];
    }

    private <T> T withSession(SessionWork<T> work) throws HsmException {
        try {
            Session session = slot().getToken().openSession(true);
            try {
                return work.run(session);
            } finally {
                session.closeSession();
            }
        } catch (PKCS11Exception e) {
            throw new HsmException("token operation failed: " + e.getErrorName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    private Slot slot() throws PKCS11Exception, HsmException {
        for (Slot slot : library.module().getSlotList(true)) {
            if (slot.getSlotID() == slotId) {
                return slot;
            }
        }
        throw new HsmException("slot " + slotId + " vanished");
    }

    private interface SessionWork<T> {
        T run(Session session) throws PKCS11Exception;
    }
}
