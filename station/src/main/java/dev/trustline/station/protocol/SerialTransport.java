package dev.trustline.station.protocol;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.time.Duration;

/**
 * A device on a serial port (jSerialComm): 115200 8N1 by default, no flow control. Works with USB
 * serial adapters and with pseudo-terminals (e.g. a socat pair in tests).
 */
public final class SerialTransport implements LineTransport {
    private static final int POLL_MS = 200;
    private final SerialPort port;
    private final StreamLines lines;

    private SerialTransport(SerialPort port) {
        this.port = port;
        this.lines = new StreamLines(port.getInputStream(), port.getOutputStream());
    }

    public static SerialTransport open(String path, int baud) throws IOException {
        SerialPort port = SerialPort.getCommPort(path);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + path + " (missing, busy, or no permission)");
        }
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, POLL_MS, 0);
        port.flushIOBuffers();
        return new SerialTransport(port);
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
        return "serial:" + port.getSystemPortPath();
    }

    @Override
    public void close() {
        port.closePort();
    }
}
