package dev.trustline.core;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/**
 * One readable reason for a failed connection or exchange. The JDK's HTTP client throws, for example, a
 * ConnectException without a message when the port is closed, which printed as "cannot reach the signer (null)".
 */
public final class IoReason {
    private IoReason() {
    }

    public static String of(IOException e) {
        String detail = firstMessage(e);
        if (e instanceof HttpConnectTimeoutException) {
            return "connecting timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        Throwable root = root(e);
        if (root instanceof ConnectException || e instanceof ConnectException) {
            return "connection refused" + (detail == null || detail.toLowerCase(java.util.Locale.ROOT).contains("refused") ? "" : " (" + detail + ")");
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        if (root instanceof SSLException || e instanceof SSLException) {
            return "TLS failed: " + (detail == null ? root.getClass().getSimpleName() : detail);
        }
        return detail != null ? detail : "the connection failed (" + root.getClass().getSimpleName() + ")";
    }

    private static String firstMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return null;
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
