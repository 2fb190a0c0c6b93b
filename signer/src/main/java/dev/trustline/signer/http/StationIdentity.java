package dev.trustline.signer.http;

import dev.trustline.core.TrustLineException;
import org.eclipse.jetty.server.Request;

/** Names the station a request comes from, or refuses a client whose role may not issue (one rule for every door). */
@FunctionalInterface
interface StationIdentity {
    String of(Request request) throws TrustLineException;
}
