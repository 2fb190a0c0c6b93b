package dev.trustline.core.hsm;

import java.nio.file.Path;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

/**
 * Initialises a new token in a free slot, in this JVM (so the PINs stay in memory and this process
 * sees the token at once). Used for rehearsal tokens and, under quorum, for tokens whose PINs nobody
 * ever sees.
 */
public final class TokenInitializer {
    private TokenInitializer() {
    }

    /**
     * Creates a token labelled {@code label}; refuses a label already in use. The caller owns and
     * wipes both PINs.
     */
    public static TokenIdentity initialise(Path modulePath, String label, char[] soPin, char[] userPin)
            throws HsmException {
        Pkcs11Library library = Pkcs11Library.load(modulePath);
        synchronized (Pkcs11Library.class) {
            refuseExistingLabel(library, label);
            Slot slot = library.freeSlot();
            try {
                library.module().getPKCS11Module().C_InitToken(slot.getSlotID(), soPin, paddedLabel(label), true);
            } catch (iaik.pkcs.pkcs11.wrapper.PKCS11Exception e) {
                throw new HsmException("cannot initialise token '" + label + "': "
                        + library.module().convertException(e).getErrorName(), e);
            }
            setUserPin(library, label, soPin, userPin);
            return library.findToken(label).identity();
        }
    }

    /** PKCS#11 labels are 32 characters, blank padded; the low-level call does not pad. */
    private static char[] paddedLabel(String label) throws HsmException {
        if (label.isEmpty() || label.length() > 32 || !label.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new HsmException("token label '" + label + "' must be 1 to 32 printable ASCII characters without spaces");
        }
        return String.format("%-32s", label).toCharArray();
    }

    private static void refuseExistingLabel(Pkcs11Library library, String label) throws HsmException {
        boolean taken = library.initialisedTokens().stream().anyMatch(t -> t.identity().label().equals(label));
        if (taken) {
            throw new HsmException("a token labelled '" + label + "' already exists in " + library.path());
        }
    }

    private static void setUserPin(Pkcs11Library library, String label, char[] soPin, char[] userPin)
            throws HsmException {
        long slotId = library.findToken(label).slotId();
        try {
            Slot slot = findSlot(library, slotId);
            Session session = slot.getToken().openSession(true);
            try {
                session.login(PKCS11Constants.CKU_SO, soPin);
                session.initPIN(userPin);
                session.logout();
            } finally {
                session.closeSession();
            }
        } catch (PKCS11Exception e) {
            throw new HsmException("cannot set the user PIN of token '" + label + "': " + e.getErrorName(), e);
        }
    }

    /**
     * Changes both PINs of an existing token (officer rotation): as user PIN from an unauthenticated read/write
     * session, then as security officer with the old SO PIN. The caller wipes all four.
     */
    public static void changePins(Path modulePath, String label, char[] oldSo, char[] newSo, char[] oldUser,
                                  char[] newUser) throws HsmException {
        Pkcs11Library library = Pkcs11Library.load(modulePath);
        long slotId = library.findToken(label).slotId();
        try {
            Session session = findSlot(library, slotId).getToken().openSession(true);
            try {
                // the user PIN first: if the SO step then fails, the new cards still log in
                session.setPIN(oldUser, newUser);
                session.login(PKCS11Constants.CKU_SO, oldSo);
                session.setPIN(oldSo, newSo);
                session.logout();
            } finally {
                session.closeSession();
            }
        } catch (PKCS11Exception e) {
            throw new HsmException("cannot change the PINs of token '" + label + "': " + e.getErrorName(), e);
        }
    }

    private static Slot findSlot(Pkcs11Library library, long slotId) throws PKCS11Exception, HsmException {
        for (Slot slot : library.module().getSlotList(true)) {
            if (slot.getSlotID() == slotId) {
                return slot;
            }
        }
        throw new HsmException("slot " + slotId + " vanished");
    }
}
