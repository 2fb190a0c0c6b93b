package dev.trustline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class IoReasonTest {

    @Test
    void of_closedPort_saysConnectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
        IOException e = assertThrows(IOException.class,
                () -> HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.discarding()));
        assertEquals("connection refused", IoReason.of(e));
    }

    @Test
    void of_messageLessException_namesItsKind() {
        assertEquals("the connection failed (EOFException)", IoReason.of(new java.io.EOFException()));
    }
}
