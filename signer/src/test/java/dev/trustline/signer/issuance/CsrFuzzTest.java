package dev.trustline.signer.issuance;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trustline.core.policy.Policy;
import java.nio.file.Path;
import java.util.Base64;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Fuzz target: CSR decoding and the checks before signing (key type, proof of possession, device ID,
 * CN) on arbitrary DER, as a station could send it (base64 in the line's csr field). Every input is
 * either a CSR that passes or a LineRefused; any other exception is a finding. `bin/fuzz` runs it.
 */
class CsrFuzzTest {
    private static final Policy POLICY = load();

    private static Policy load() {
        try {
            return Policy.load(Path.of(System.getProperty("trustline.root", ".."), "policies/examples/shenzhen-gateways-2026.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void fuzz(byte[] der) {
        try {
            PKCS10CertificationRequest csr = DeviceLineParser.csr(Base64.getEncoder().encodeToString(der));
            DeviceChecks.check(new DeviceLine(1, "GW0000000018", KeyRequest.of(csr), "", "", "op", false), POLICY);
        } catch (LineRefused e) {
            // a clear refusal: expected
        }
    }
}
