package dev.trustline.signer.store;

import dev.trustline.core.chain.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Made-up certificates: the store never parses DER, it only hashes and keeps it. */
final class Fixtures {

    static final String POLICY = "gw-prod";
    static final String STATION = "SZ-L1-S03";
    static final String OPERATOR = "op-li";
    static final String ISSUER = CanonicalJson.sha256Hex("issuing CA".getBytes(StandardCharsets.UTF_8));

    private static final SecureRandom RANDOM = new SecureRandom();

    private Fixtures() {
    }

    static IssuedDevice device(String deviceId, int lineNo) {
        return device(deviceId, lineNo, false, false);
    }

    static IssuedDevice device(String deviceId, int lineNo, boolean reissue, boolean revoke) {
        byte[] der = new byte[400];
        RANDOM.nextBytes(der);
        der[0] = 0x30;
        byte[] serial = new byte[16];
        RANDOM.nextBytes(serial);
        serial[0] &= 0x7f;
        return new IssuedDevice(deviceId, HexFormat.of().formatHex(serial),
                CanonicalJson.sha256Hex(der), ISSUER, POLICY, 3, "GW-200", "B", STATION, OPERATOR,
                lineNo, der, reissue, revoke);
    }

    static Refusal refusal(int lineNo, String deviceId, String code, boolean inLedger) {
        return new Refusal(lineNo, deviceId, STATION, OPERATOR, POLICY, code,
                "refused for the test: " + code, inLedger);
    }

    static String sha(String content) {
        return CanonicalJson.sha256Hex(content.getBytes(StandardCharsets.UTF_8));
    }
}
