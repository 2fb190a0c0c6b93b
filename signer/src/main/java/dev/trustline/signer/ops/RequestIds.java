package dev.trustline.signer.ops;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.MDC;

/**
 * Request ids: 16 random hex digits, returned to the client in {@value #HEADER} and in every error
 * body, and carried in the logging context (MDC key {@value #MDC_KEY}) of every line logged for it.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    static String next() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The id of the request this thread is handling, or "none" outside a request. */
    public static String current() {
        String id = MDC.get(MDC_KEY);
        return id == null ? "none" : id;
    }
}
