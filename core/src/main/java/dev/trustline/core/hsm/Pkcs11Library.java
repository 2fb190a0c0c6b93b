package dev.trustline.core.hsm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.StaticLogger;
import org.xipki.pkcs11.wrapper.TokenException;
import org.xipki.pkcs11.wrapper.TokenInfo;

/**
 * A PKCS#11 module loaded once per JVM through ipkcs11wrapper, for what SunPKCS11 cannot do: find a
 * slot by token label, initialise a token, and read key attributes back as evidence. Slot ids are
 * process-local, so they are looked up here, right before SunPKCS11 is configured.
 * C_Finalize and C_Logout are never called: either would break SunPKCS11 in this JVM.
 */
final class Pkcs11Library {
    private static final Map<Path, Pkcs11Library> LOADED = new ConcurrentHashMap<>();

    private final Path path;
    private final PKCS11Module module;

    private Pkcs11Library(Path path, PKCS11Module module) {
        this.path = path;
        this.module = module;
    }

    static Pkcs11Library load(Path modulePath) throws HsmException {
        Path path = modulePath.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new HsmException("PKCS#11 module " + path + " does not exist");
        }
        Pkcs11Library existing = LOADED.get(path);
        return existing != null ? existing : loadNew(path);
    }

    private static synchronized Pkcs11Library loadNew(Path path) throws HsmException {
        Pkcs11Library existing = LOADED.get(path);
        if (existing != null) {
            return existing;
        }
        StaticLogger.setLogger(new QuietWrapperLogger());
        try {
            PKCS11Module module = PKCS11Module.getInstance(path.toString());
            initialize(module);
            Pkcs11Library library = new Pkcs11Library(path, module);
            LOADED.put(path, library);
            return library;
        } catch (IOException e) {
            throw new HsmException("cannot load PKCS#11 module " + path + ": " + e.getMessage(), e);
        }
    }

    private static void initialize(PKCS11Module module) throws HsmException {
        try {
            module.initialize();
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                throw new HsmException("cannot initialise PKCS#11 module: " + e.getErrorName(), e);
            }
        }
    }

    Path path() {
        return path;
    }

    PKCS11Module module() {
        return module;
    }

    /** The one initialised token with this label; errors when there is none or more than one. */
    TokenSlot findToken(String label) throws HsmException {
        List<TokenSlot> matches = new ArrayList<>();
        List<TokenSlot> all = initialisedTokens();
        for (TokenSlot slot : all) {
            if (slot.identity().label().equals(label)) {
                matches.add(slot);
            }
        }
        if (matches.isEmpty()) {
            throw new HsmException("no token labelled '" + label + "' in PKCS#11 module " + path + " (tokens present: "
                    + String.join(", ", all.stream().map(t -> "'" + t.identity().label() + "'").toList()) + ")");
        }
        if (matches.size() > 1) {
            throw new HsmException(matches.size() + " tokens are labelled '" + label + "' in " + path + "; labels must be unique");
        }
        return matches.get(0);
    }

    List<TokenSlot> initialisedTokens() throws HsmException {
        List<TokenSlot> out = new ArrayList<>();
        for (Slot slot : slots()) {
            TokenInfo info = tokenInfo(slot);
            if (info != null && info.isTokenInitialized()) {
                out.add(new TokenSlot(slot.getSlotID(), identity(info)));
            }
        }
        return out;
    }

    /** A slot holding an uninitialised token (SoftHSM2 always offers one), or an error. */
    Slot freeSlot() throws HsmException {
        for (Slot slot : slots()) {
            TokenInfo info = tokenInfo(slot);
            if (info != null && !info.isTokenInitialized()) {
                return slot;
            }
        }
        throw new HsmException("PKCS#11 module " + path + " has no free slot for a new token");
    }

    private Slot[] slots() throws HsmException {
        try {
            return module.getSlotList(true);
        } catch (PKCS11Exception e) {
            throw new HsmException("cannot list slots of " + path + ": " + e.getErrorName(), e);
        }
    }

    /** Null for a slot whose token vanished (SoftHSM2 then fails C_GetTokenInfo). */
    private static TokenInfo tokenInfo(Slot slot) {
        try {
            return slot.getToken().getTokenInfo();
        } catch (TokenException e) {
            return null;
        }
    }

    private static TokenIdentity identity(TokenInfo info) {
        return new TokenIdentity(info.getLabel().trim(), info.getSerialNumber().trim(), info.getModel().trim(),
                info.getManufacturerID().trim(), String.valueOf(info.getFirmwareVersion()));
    }

    /** A token found by label, with this process's slot id for it. */
    record TokenSlot(long slotId, TokenIdentity identity) {
    }
}
