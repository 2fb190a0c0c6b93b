package dev.trustline.station.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Serves one simulated device over TCP (one station connection at a time, like a jig's serial-to-TCP
 * bridge) or over a pseudo-terminal / serial device file. A reboot fault drops the TCP connection; on
 * a terminal it only goes quiet, as a real serial line does.
 */
public final class SimulatorServer implements AutoCloseable {
    private final DeviceSimulator device;
    private final ServerSocket server;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Socket current;

    private SimulatorServer(DeviceSimulator device, ServerSocket server) {
        this.device = device;
        this.server = server;
        this.thread = new Thread(this::acceptLoop, "device-sim-" + server.getLocalPort());
        this.thread.setDaemon(true);
    }

    /** Listens on {@code host:port} (port 0: any free port) in a background thread. */
    public static SimulatorServer tcp(DeviceSimulator device, String host, int port) throws IOException {
        SimulatorServer s = new SimulatorServer(device, new ServerSocket(port, 4, InetAddress.getByName(host)));
        s.thread.start();
        return s;
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try (Socket socket = server.accept()) {
                current = socket;
                serve(socket.getInputStream(), socket.getOutputStream(), true);
            } catch (IOException e) {
                // the station went away, or we are closing: wait for the next connection
            }
        }
    }

    /** Serves a terminal device (e.g. one end of a socat pty pair) until it closes; blocks. */
    public static void terminal(DeviceSimulator device, Path tty) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(tty.toFile(), "rw")) {
            InputStream in = Channels.newInputStream(f.getChannel());
            OutputStream out = new java.io.FileOutputStream(f.getFD());
            serve(device, in, out, false);
        }
    }

    private void serve(InputStream in, OutputStream out, boolean dropOnReboot) throws IOException {
        serve(device, in, out, dropOnReboot);
    }

    private static void serve(DeviceSimulator device, InputStream in, OutputStream out, boolean dropOnReboot) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            DeviceSimulator.Outcome o = device.handle(line.strip());
            if (o.action() == DeviceSimulator.Action.REBOOT && dropOnReboot) {
                return;
            }
            if (o.action() == DeviceSimulator.Action.REPLY) {
                out.write((o.reply().toString() + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
            Socket s = current;
            if (s != null) {
                s.close();
            }
            thread.join(5000);
        } catch (IOException e) {
            // closing anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
