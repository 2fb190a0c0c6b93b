package dev.trustline.signer.ca;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.HsmToken;
import java.time.Duration;
import org.bouncycastle.operator.ContentSigner;

/**
 * The HSM session behind the issuing key, kept usable without a restart. A signing failure makes it
 * probe the token (one challenge signature); if the probe fails too, the token counts as lost and every
 * request is told so at once ({@link HsmUnavailable}) until a re-open (new session, login from the PIN
 * file, key handles looked up and checked against the intermediate again) succeeds. Re-opens are tried
 * at most once per {@link #RETRY}. Thread-safe.
 */
public final class TokenKeeper {
    /** How often a lost token is tried again, and the Retry-After a client is given meanwhile. */
    public static final Duration RETRY = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger("dev.trustline.signer.hsm");

    /** Opens the token and checks the key: all of start-up's checks, again. */
    public interface Opener {
        HsmToken open() throws TrustLineException;
    }

    /** Signs a fresh challenge and verifies it; throws when the token cannot. */
    interface Probe {
        void check(HsmToken token) throws TrustLineException;
    }

    private final Opener opener;
    private final Probe probe;
    private volatile HsmToken token;
    private volatile boolean lost;
    private long nextTry;

    TokenKeeper(HsmToken token, Opener opener, Probe probe) {
        this.token = token;
        this.opener = opener;
        this.probe = probe;
    }

    /** A signer over the key, or HsmUnavailable while the token is lost and cannot be re-opened yet. */
    ContentSigner signer(String label, String algorithm) throws TrustLineException {
        HsmToken t = current();
        try {
            return t.signer(label, algorithm);
        } catch (TrustLineException | RuntimeException e) {
            markLost(e);
            throw new HsmUnavailable("the HSM key cannot be used now", e);
        }
    }

    /** True when the token is (or could just now be made) usable. */
    public boolean available() {
        try {
            current();
            return true;
        } catch (HsmUnavailable e) {
            return false;
        }
    }

    HsmToken current() throws HsmUnavailable {
        if (!lost) {
            return token;
        }
        synchronized (this) {
            if (!lost) {
                return token;
            }
            long now = System.nanoTime();
            if (now - nextTry < 0) {
                throw new HsmUnavailable("the HSM token is unavailable", null);
            }
            nextTry = now + RETRY.toNanos();
            try {
                token = opener.open();
                lost = false;
                LOG.log(System.Logger.Level.WARNING, "HSM token re-opened: session, login and key handles restored");
                return token;
            } catch (TrustLineException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "HSM token still unavailable: " + e.getMessage());
                throw new HsmUnavailable("the HSM token is unavailable", e);
            }
        }
    }

    /**
     * A signature failed: probe the token and mark it lost if the probe fails too. Returns true when the
     * token is lost (the failure was the HSM's), false when the token works (the failure was something else).
     */
    public boolean failed(Throwable cause) {
        if (lost) {
            return true;
        }
        try {
            probe.check(token);
            return false;
        } catch (TrustLineException | RuntimeException e) {
            markLost(cause);
            return true;
        }
    }

    private synchronized void markLost(Throwable cause) {
        if (!lost) {
            LOG.log(System.Logger.Level.ERROR, "HSM token lost: " + (cause == null ? "" : cause.getMessage()));
            lost = true;
            nextTry = System.nanoTime();
        }
    }

    /** The HSM token cannot sign now (removed, session closed, logged out); a retry later may work. */
    public static final class HsmUnavailable extends TrustLineException {
        private static final long serialVersionUID = 1L;

        HsmUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
