package dev.trustline.signer.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.quorum.Roster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code bin/signer unseal}'s conversation with the sealed signer over its local socket. */
public final class UnsealClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the signer answered: unsealed (with the officers), or refused (with its one-line reason). */
    public record Outcome(boolean unsealed, String message, List<String> notes) {
    }

    private UnsealClient() {
    }

    public static Outcome unseal(Path configFile, Roster roster, List<Path> cards, OfficerShares.Passphrases passphrases)
            throws TrustLineException {
        Path socket = UnsealSocket.pathFor(configFile);
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(channel);
            JsonNode hello = ask(in, out, JSON.createObjectNode().put("op", "challenge"));
            if (!"sealed".equals(hello.path("status").asText())) {
                return new Outcome(false, "the signer is not sealed (" + hello.path("status").asText() + ")", List.of());
            }
            if (!roster.sha256Hex().equals(hello.path("roster-sha256").asText())) {
                throw new TrustLineException("the signer holds roster " + hello.path("roster-id").asText() + ", not " + roster.rosterId()
                        + " (signer.yaml hsm.quorum)");
            }
            List<String> notes = new ArrayList<>();
            List<UnsealOffer> offers = OfficerShares.collect(roster, hello.path("challenge").asText(), cards, passphrases, notes);
            ObjectNode request = JSON.createObjectNode().put("op", "unseal");
            ArrayNode list = request.putArray("offers");
            offers.forEach(o -> list.add(o.toJson()));
            offers.forEach(UnsealOffer::wipe);
            JsonNode answer = ask(in, out, request);
            list.removeAll();
            boolean ok = "unsealed".equals(answer.path("status").asText());
            return new Outcome(ok, ok ? "signer unsealed by " + String.join(", ", texts(answer.path("officers")))
                    : answer.path("error").asText("refused"), notes);
        } catch (IOException e) {
            throw new TrustLineException("cannot reach the sealed signer at " + socket + " (is bin/signer serve running sealed, as this user?): "
                    + e.getMessage(), e);
        }
    }

    private static JsonNode ask(BufferedReader in, OutputStream out, ObjectNode request) throws IOException {
        out.write((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the signer closed the connection");
        }
        return JSON.readTree(line);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
