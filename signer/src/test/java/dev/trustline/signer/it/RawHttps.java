package dev.trustline.signer.it;

import dev.trustline.signer.client.StationTls;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.cert.X509CertificateHolder;

/** HTTP/1.1 over mTLS written by hand: for requests a well-behaved client will not send (%zz, stalls). */
final class RawHttps {
    private RawHttps() {
    }

    static SSLSocket connect(int port, Path station, char[] pass, X509CertificateHolder root) throws Exception {
        SSLSocket s = (SSLSocket) StationTls.context(station, pass, List.of(root)).getSocketFactory().createSocket("localhost", port);
        s.setSoTimeout(60_000);
        s.startHandshake();
        return s;
    }

    /**
     * Sends {@code requestLine} (may carry extra header lines after \r\n), Host, Content-Type and, unless
     * the request line gives one, Content-Length of {@code body}; returns the whole response as text.
     */
    static String exchange(int port, Path station, char[] pass, X509CertificateHolder root, String requestLine, String type,
                           byte[] body) throws Exception {
        try (SSLSocket s = connect(port, station, pass, root)) {
            OutputStream out = s.getOutputStream();
            StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: localhost\r\nConnection: close\r\n");
            if (type != null) {
                head.append("Content-Type: ").append(type).append("\r\n");
            }
            if (!requestLine.contains("Content-Length")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return readAll(s.getInputStream());
        }
    }

    static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                b.write(buf, 0, n);
                String text = b.toString(StandardCharsets.UTF_8);
                if (complete(text)) {
                    break;
                }
            }
        } catch (java.net.SocketException e) {
            // the server may close right after answering
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        var m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text.substring(0, end));
        return m.find() && text.length() - end - 4 >= Integer.parseInt(m.group(1));
    }
}
