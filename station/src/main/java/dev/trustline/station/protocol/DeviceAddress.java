package dev.trustline.station.protocol;

import dev.trustline.core.TrustLineException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** Where the device under test is: {@code tcp://HOST:PORT} or {@code serial:/dev/ttyUSB0} (115200 baud). */
public record DeviceAddress(String scheme, String host, int port, String path) {

    public static DeviceAddress parse(String text) throws TrustLineException {
        if (text.startsWith("serial:")) {
            String path = text.substring("serial:".length());
            if (path.isEmpty() || !path.startsWith("/")) {
                throw new TrustLineException("--device " + text + ": a serial device is serial:/dev/NAME");
            }
            return new DeviceAddress("serial", null, 0, path);
        }
        if (text.startsWith("tcp://")) {
            try {
                URI u = URI.create(text);
                if (u.getHost() == null || u.getPort() < 1 || (u.getPath() != null && !u.getPath().isEmpty())) {
                    throw new IllegalArgumentException("needs HOST:PORT");
                }
                return new DeviceAddress("tcp", u.getHost(), u.getPort(), null);
            } catch (IllegalArgumentException e) {
                throw new TrustLineException("--device " + text + ": a TCP device is tcp://HOST:PORT");
            }
        }
        throw new TrustLineException("--device " + text + ": expected tcp://HOST:PORT or serial:/dev/NAME");
    }

    public LineTransport open(Duration timeout) throws DeviceException {
        try {
            return scheme.equals("tcp") ? TcpTransport.connect(host, port, timeout) : SerialTransport.open(path, 115200);
        } catch (IOException e) {
            throw new DeviceException(DeviceException.Kind.DISCONNECTED, "unreachable",
                    "cannot reach the device at " + this + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return scheme.equals("tcp") ? "tcp://" + host + ":" + port : "serial:" + path;
    }
}
