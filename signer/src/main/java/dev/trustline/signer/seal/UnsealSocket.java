package dev.trustline.signer.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The local unseal channel: a Unix domain socket in a folder only the signer's user can enter
 * ({@code .unseal/} beside signer.yaml, mode 0700), so only someone logged in on the signer host as that
 * user reaches it; nothing listens on the network for shares. One JSON object per line each way.
 */
final class UnsealSocket implements AutoCloseable {
    static final int MAX_LINE = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Answers one request; never throws for bad input (it answers with an error object). */
    interface Responder {
        ObjectNode answer(JsonNode request);
    }

    private final ServerSocketChannel server;
    private final Path socket;
    private final Thread thread;

    private UnsealSocket(ServerSocketChannel server, Path socket, Responder responder) {
        this.server = server;
        this.socket = socket;
        this.thread = new Thread(() -> serve(responder), "trustline-unseal");
        thread.setDaemon(true);
        thread.start();
    }

    /** The socket path for a signer configured by {@code configFile}. */
    static Path pathFor(Path configFile) {
        return configFile.toAbsolutePath().getParent().resolve(".unseal").resolve("signer.sock");
    }

    static UnsealSocket open(Path socket, Responder responder) throws TrustLineException {
        Path dir = socket.getParent();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
            if (!perms.equals(PosixFilePermissions.fromString("rwx------"))) {
                throw new TrustLineException(dir + " must be mode 0700 (only the signer's user may reach the unseal socket)");
            }
            Files.deleteIfExists(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            return new UnsealSocket(server, socket, responder);
        } catch (IOException e) {
            throw new TrustLineException("cannot open the unseal socket " + socket + ": " + e.getMessage(), e);
        }
    }

    private void serve(Responder responder) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                converse(client, responder);
            } catch (IOException | RuntimeException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    private static void converse(SocketChannel client, Responder responder) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
        OutputStream out = Channels.newOutputStream(client);
        String line;
        while ((line = readLine(in)) != null) {
            ObjectNode answer;
            try {
                answer = responder.answer(JSON.readTree(line));
            } catch (IOException e) {
                answer = JSON.createObjectNode().put("status", "refused").put("error", "not a JSON request");
            }
            out.write((JSON.writeValueAsString(answer) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static String readLine(BufferedReader in) throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (s.length() >= MAX_LINE) {
                throw new IOException("request line too long");
            }
            s.append((char) c);
        }
        return c == -1 && s.length() == 0 ? null : s.toString();
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // the process is stopping or has unsealed; a stale socket file is removed at the next start
        }
    }
}
