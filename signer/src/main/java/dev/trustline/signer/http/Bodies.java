package dev.trustline.signer.http;

import dev.trustline.signer.issuance.BatchRejected;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.server.Request;

/** Reads a request body up to a limit: a declared or actual size beyond it is a 413, a broken upload a 400. */
final class Bodies {
    private Bodies() {
    }

    static byte[] read(Request request, long maxBytes) throws BatchRejected {
        long declared = request.getLength();
        if (declared > maxBytes) {
            throw new BatchRejected(413, "request body of " + declared + " bytes exceeds the limit of " + maxBytes);
        }
        try (InputStream in = Request.asInputStream(request)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
                if (out.size() > maxBytes) {
                    throw new BatchRejected(413, "request body exceeds the limit of " + maxBytes + " bytes");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new BatchRejected(400, "cannot read the request body");
        }
    }
}
