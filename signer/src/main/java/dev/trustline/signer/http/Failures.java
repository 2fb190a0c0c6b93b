package dev.trustline.signer.http;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Server-side record of a failure the client only sees as a generic message: the request's id (the
 * one in its X-Request-Id header; a fresh one outside a request), and the detail (message chain and
 * stack trace, never a secret: exceptions here carry none) logged under it.
 */
final class Failures {
    static final long RETRY_AFTER_SECONDS = 5;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Failures.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Failures() {
    }

    /** Logs {@code e} under the request's id and returns the id. */
    static String log(String what, Throwable e) {
        String id = dev.trustline.signer.ops.RequestIds.current();
        if (id.equals("none")) {
            byte[] b = new byte[8];
            RANDOM.nextBytes(b);
            id = HexFormat.of().formatHex(b);
        }
        LOG.error("request {} ({}) failed: {}", id, what, chain(e), e);
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
