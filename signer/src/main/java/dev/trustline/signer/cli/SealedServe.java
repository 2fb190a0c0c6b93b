package dev.trustline.signer.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.quorum.Roster;
import dev.trustline.core.x509.Pem;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.seal.SealedSigner;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * {@code serve} for a signer whose signer.yaml names {@code hsm.quorum}: starts sealed (503 to every API
 * request, no key), and once M officers unseal it, starts as usual with the rebuilt PIN and records an
 * "unseal" ledger entry (roster, officers) before it issues anything.
 */
public final class SealedServe {
    private SealedServe() {
    }

    /** Starts sealed; what {@code serve} runs once officers have unsealed it. */
    public static SealedSigner<ServeCommand.Running> start(SignerConfig c, Clock clock) throws TrustLineException {
        Roster roster = Roster.read(c.quorum());
        if (!roster.tokenLabel().equals(c.tokenLabel())) {
            throw new TrustLineException("hsm.quorum " + c.quorum() + " is the roster of token '" + roster.tokenLabel()
                    + "', not of hsm.token-label '" + c.tokenLabel() + "'");
        }
        List<X509CertificateHolder> trusted = new ArrayList<>(List.of(Pem.certificate(c.stationCa())));
        if (c.lifecycle().backendCa() != null) {
            trusted.add(Pem.certificate(c.lifecycle().backendCa()));
        }
        char[] tlsPassword = c.tlsPassword().read(c.file().toAbsolutePath().getParent());
        SealedSigner.Listener listener = new SealedSigner.Listener(c.host(), c.port(), c.tlsKeyStore(), tlsPassword, trusted);
        return SealedSigner.start(c.file(), roster, listener, (pin, port, who) -> started(c, clock, pin, port, who));
    }

    static ServeCommand.Running awaitUnseal(SignerConfig c, Clock clock, PrintWriter out) throws TrustLineException, InterruptedException {
        SealedSigner<ServeCommand.Running> sealed = start(c, clock);
        Thread hook = new Thread(() -> {
            try {
                sealed.close();
            } catch (TrustLineException e) {
                System.err.println("error: " + e.getMessage());
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("signer SEALED on https://" + c.host() + ":" + sealed.port() + " (503 to every request) until "
                + Roster.read(c.quorum()).threshold() + " officers run: bin/signer unseal --config " + c.file());
        out.flush();
        ServeCommand.Running running = sealed.awaitUnsealed();
        Runtime.getRuntime().removeShutdownHook(hook);
        return running;
    }

    private static ServeCommand.Running started(SignerConfig c, Clock clock, char[] pin, int port, SealedSigner.Unsealed who)
            throws TrustLineException {
        ServeCommand.Running running = ServeCommand.start(c, clock, pin, port);
        try {
            ObjectNode p = JsonNodeFactory.instance.objectNode().put("token-label", c.tokenLabel())
                    .put("roster-id", who.roster().rosterId()).put("roster-sha256", who.roster().sha256Hex())
                    .put("threshold", who.roster().threshold());
            who.officers().forEach(p.putArray("officers")::add);
            running.store().appendEvent("unseal", p, clock.instant());
            return running;
        } catch (TrustLineException | RuntimeException e) {
            running.close();
            throw e;
        }
    }
}
