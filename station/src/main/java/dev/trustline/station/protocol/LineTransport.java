package dev.trustline.station.protocol;

import java.io.IOException;
import java.time.Duration;

/** One line-oriented link to a device (TCP or serial): UTF-8 lines ending in '\n'. */
public interface LineTransport extends AutoCloseable {

    void send(String line) throws IOException;

    /**
     * The next line, or {@code null} when none arrived within {@code timeout}.
     *
     * @throws java.io.EOFException when the device closed the link
     */
    String receive(Duration timeout) throws IOException;

    /** Where the device is, e.g. tcp://127.0.0.1:7001 or serial:/dev/ttyUSB0. */
    String address();

    @Override
    void close();
}
