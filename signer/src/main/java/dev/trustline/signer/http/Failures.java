package dev.trustline.signer.http;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Server-side record of a failure the client only sees as a generic message: a fresh correlation id,
 * and the detail (message chain, never a secret: exceptions here carry none) logged under it.
 */
final class Failures {
    static final long RETRY_AFTER_SECONDS = 5;
    private static final System.Logger LOG = System.getLogger("dev.trustline.signer.http");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Failures() {
    }

    /** Logs {@code e} under a new id and returns the id. */
    static String log(String what, Throwable e) {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        LOG.log(System.Logger.Level.ERROR, "request " + id + " (" + what + ") failed: " + chain(e), e);
        return id;
    }

    private static String chain(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            b.append(b.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return b.toString();
    }
}
