package dev.trustline.signer.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.x509.Pem;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A simulated factory line for demos and tests: device IDs {@code PREFIX + serial + Luhn digit}, one
 * P-256 key per device (kept nowhere: a real device keeps its own), and a CSR with CN = device ID.
 */
public final class FactorySimulator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FactorySimulator() {
    }

    /** Device ID with a Luhn check digit over its digits, e.g. GW + 9 digits + check. */
    public static String deviceId(String prefix, long serial, int digits) {
        String body = String.format("%0" + digits + "d", serial);
        return prefix + body + luhnDigit(body);
    }

    static int luhnDigit(String digits) {
        int sum = 0;
        for (int i = digits.length() - 1, k = 0; i >= 0; i--, k++) {
            int d = digits.charAt(i) - '0';
            if (k % 2 == 0) {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    public static List<String> batch(String prefix, long firstSerial, int count, String station, String operator)
            throws TrustLineException {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = deviceId(prefix, firstSerial + i, 9);
                lines.add(line(id, kpg.generateKeyPair(), operator));
            }
            return lines;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new TrustLineException("cannot simulate devices: " + e.getMessage(), e);
        }
    }

    public static String line(String deviceId, KeyPair key, String operator) throws OperatorCreationException {
        var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + deviceId), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
        return JSON.createObjectNode().put("device_id", deviceId).put("csr", Pem.encode(csr)).put("sku", "GW-100")
                .put("hw_rev", "C").put("operator", operator).toString();
    }
}
