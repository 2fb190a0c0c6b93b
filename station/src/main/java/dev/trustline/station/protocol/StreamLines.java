package dev.trustline.station.protocol;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Lines over a stream pair whose reads time out briefly (a socket with SO_TIMEOUT, a serial port in
 * semi-blocking mode): bytes are collected until '\n' or the deadline. A partial line is kept for the
 * next call. Lines longer than {@link #MAX_LINE} bytes are refused (a device cannot flood the station).
 */
final class StreamLines {
    static final int MAX_LINE = 256 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    StreamLines(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    synchronized void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    String receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (InterruptedIOException e) {
                if (System.nanoTime() >= deadline) {
                    return null;
                }
                continue;
            }
            if (b < 0) {
                throw new EOFException("the device closed the link");
            }
            if (b == '\n') {
                String line = partial.toString(StandardCharsets.UTF_8);
                partial.reset();
                return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            }
            if (partial.size() >= MAX_LINE) {
                partial.reset();
                throw new IOException("the device sent a line longer than " + MAX_LINE + " bytes");
            }
            partial.write(b);
        }
    }
}
