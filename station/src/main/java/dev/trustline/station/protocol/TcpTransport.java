package dev.trustline.station.protocol;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** A device (or a jig's serial-to-TCP bridge) at tcp://HOST:PORT. */
public final class TcpTransport implements LineTransport {
    private static final int POLL_MS = 200;
    private final Socket socket;
    private final StreamLines lines;
    private final String address;

    private TcpTransport(Socket socket, String address) throws IOException {
        this.socket = socket;
        this.address = address;
        socket.setSoTimeout(POLL_MS);
        socket.setTcpNoDelay(true);
        this.lines = new StreamLines(new BufferedInputStream(socket.getInputStream()),
                new BufferedOutputStream(socket.getOutputStream()));
    }

    public static TcpTransport connect(String host, int port, Duration timeout) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return new TcpTransport(s, "tcp://" + host + ":" + port);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public void send(String line) throws IOException {
        lines.send(line);
    }

    @Override
    public String receive(Duration timeout) throws IOException {
        return lines.receive(timeout);
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
