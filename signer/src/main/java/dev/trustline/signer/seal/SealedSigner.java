package dev.trustline.signer.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.quorum.Roster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * A signer started sealed: its token's PIN is held only as the officers' shares. Until M officers unseal
 * it (bin/signer unseal, over the local socket) it answers every API request with 503 and holds no key.
 * On a valid unseal the PIN is rebuilt in memory, the signer starts as usual on the same port (the starter
 * records who unsealed it in the ledger) and the PIN is wiped; a start that fails leaves it sealed.
 *
 * @param <R> the running signer the starter returns
 */
public final class SealedSigner<R extends AutoCloseable> implements AutoCloseable {
    /** Starts the real signer with the rebuilt PIN on {@code port}; the PIN is wiped after it returns. */
    public interface Starter<R> {
        R start(char[] pin, int port, Unsealed who) throws TrustLineException;
    }

    /** Who unsealed: the roster and the officers whose signed shares rebuilt the PIN. */
    public record Unsealed(Roster roster, Set<String> officers) {
    }

    /** The sealed listener's settings: the API's address and TLS, and the certificates clients must chain to. */
    public record Listener(String host, int port, Path keyStore, char[] keyStorePassword,
                           List<org.bouncycastle.cert.X509CertificateHolder> trusted) {
    }

    private final Unsealer unsealer;
    private final Listener listener;
    private final Starter<R> starter;
    private final CountDownLatch unsealed = new CountDownLatch(1);
    private final int port;
    private SealedResponder responder;
    private UnsealSocket socket;
    private R running;

    private SealedSigner(Roster roster, Listener listener, Starter<R> starter) throws TrustLineException {
        this.unsealer = new Unsealer(roster);
        this.listener = listener;
        this.starter = starter;
        this.responder = SealedResponder.start(listener.host(), listener.port(), listener.keyStore(), listener.keyStorePassword(),
                listener.trusted());
        this.port = responder.port();
    }

    public static <R extends AutoCloseable> SealedSigner<R> start(Path configFile, Roster roster, Listener listener, Starter<R> starter)
            throws TrustLineException {
        SealedSigner<R> s = new SealedSigner<>(roster, listener, starter);
        try {
            s.socket = UnsealSocket.open(UnsealSocket.pathFor(configFile), s::answer);
        } catch (TrustLineException e) {
            s.responder.close();
            throw e;
        }
        return s;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isSealed() {
        return running == null;
    }

    /** Blocks until unsealed; returns the running signer. */
    public R awaitUnsealed() throws InterruptedException {
        unsealed.await();
        synchronized (this) {
            return running;
        }
    }

    private synchronized ObjectNode answer(JsonNode request) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        String op = request.path("op").asText();
        if (op.equals("challenge")) {
            Roster r = unsealer.roster();
            return out.put("status", running == null ? "sealed" : "unsealed").put("challenge", unsealer.challengeHex())
                    .put("roster-id", r.rosterId()).put("roster-sha256", r.sha256Hex()).put("token-label", r.tokenLabel())
                    .put("threshold", r.threshold());
        }
        if (!op.equals("unseal")) {
            return out.put("status", "refused").put("error", "unknown op (challenge or unseal)");
        }
        if (running != null) {
            return out.put("status", "refused").put("error", "the signer is already unsealed");
        }
        List<UnsealOffer> offers = new ArrayList<>();
        try {
            request.path("offers").forEach(n -> offers.add(UnsealOffer.fromJson(n)));
            Unsealer.Opened opened = unsealer.open(offers);
            try {
                running = startInPlaceOfResponder(opened);
            } finally {
                Arrays.fill(opened.pin(), '\0');
            }
            unsealed.countDown();
            out.put("status", "unsealed");
            out.set("officers", JsonNodeFactory.instance.arrayNode().addAll(opened.officers().stream().map(JsonNodeFactory.instance::textNode).toList()));
            return out;
        } catch (TrustLineException | IllegalArgumentException e) {
            return out.put("status", "refused").put("error", e.getMessage());
        } finally {
            offers.forEach(UnsealOffer::wipe);
        }
    }

    private R startInPlaceOfResponder(Unsealer.Opened opened) throws TrustLineException {
        responder.close();
        responder = null;
        try {
            return starter.start(opened.pin(), port, new Unsealed(unsealer.roster(), opened.officers()));
        } catch (TrustLineException | RuntimeException e) {
            responder = SealedResponder.start(listener.host(), port, listener.keyStore(), listener.keyStorePassword(), listener.trusted());
            throw e;
        }
    }

    @Override
    public synchronized void close() throws TrustLineException {
        if (socket != null) {
            socket.close();
        }
        try {
            if (responder != null) {
                responder.close();
            }
        } finally {
            if (running != null) {
                try {
                    running.close();
                } catch (Exception e) {
                    throw e instanceof TrustLineException t ? t : new TrustLineException("cannot stop the signer: " + e.getMessage(), e);
                }
            }
        }
    }
}
