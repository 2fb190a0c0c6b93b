package dev.trustline.signer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.core.ecdsa.IssuerSignature;
import dev.trustline.core.ecdsa.ProofOfPossession;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.signer.config.SignerConfig;
import java.io.OutputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The P-256 work every certificate needs, alone, measured on the bench's own token so that bin/bench can print it
 * beside the signer's figure: the CSR's proof of possession (as the signer checks it: libcrypto), one signature by a
 * key on the same SoftHSM2 token through the same seam (SunPKCS11, C_SignInit + C_Sign, the digest made in
 * libcrypto; a key made for the bench and never certified, so the CA key signs nothing but certificates), and the
 * check of that signature (libcrypto, a fixed key). CPU time of the one measuring thread, which is where SoftHSM2
 * does its work, after a warm-up. Prints "pop_us sign_us check_us". Not part of the signer.
 *
 * <pre>java -cp ... dev.trustline.signer.bench.CryptoFloor SIGNER.yaml KEY_LABEL BATCH.jsonl N</pre>
 */
public final class CryptoFloor {
    private static final byte[] NOT_A_CERTIFICATE = "trustline bench: P-256 floor, not a certificate".getBytes(StandardCharsets.US_ASCII);

    private CryptoFloor() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: CryptoFloor SIGNER.yaml KEY_LABEL BATCH.jsonl N");
            System.exit(2);
        }
        SignerConfig config = SignerConfig.load(Path.of(args[0]));
        int n = Integer.parseInt(args[3]);
        List<PKCS10CertificationRequest> csrs = csrs(Path.of(args[2]), n);
        char[] pin = config.hsm().pin().read(config.baseDir());
        HsmToken token = HsmToken.open(config.hsm().module(), config.hsm().tokenLabel(), pin);
        Arrays.fill(pin, '\0');
        String label = args[1];
        IssuerSignature check = IssuerSignature.of(SubjectPublicKeyInfo.getInstance(token.publicKey(label).getEncoded()));
        byte[] signature = sign(token, label);
        ContentSigner any = token.signer(label, "SHA256withECDSA");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) { // the first round warms up; the second is printed
            long t0 = cpu.getCurrentThreadCpuTime();
            for (PKCS10CertificationRequest csr : csrs) {
                require(ProofOfPossession.verifies(csr), "a CSR's proof of possession did not verify");
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                signature = sign(token, label);
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                require(check.verifies(any.getAlgorithmIdentifier(), NOT_A_CERTIFICATE, signature), "the token's signature did not verify");
            }
            long t3 = cpu.getCurrentThreadCpuTime();
            if (round == 1) {
                System.out.printf("%.1f %.1f %.1f%n", (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n);
            }
        }
    }

    private static byte[] sign(HsmToken token, String label) throws Exception {
        ContentSigner signer = token.signer(label, "SHA256withECDSA");
        try (OutputStream out = signer.getOutputStream()) {
            out.write(NOT_A_CERTIFICATE);
        }
        return signer.getSignature();
    }

    private static List<PKCS10CertificationRequest> csrs(Path batch, int n) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<PKCS10CertificationRequest> out = new ArrayList<>(n);
        for (String line : Files.readAllLines(batch, StandardCharsets.UTF_8)) {
            if (out.size() == n) {
                break;
            }
            try (PEMParser pem = new PEMParser(new StringReader(json.readTree(line).path("csr").asText()))) {
                out.add((PKCS10CertificationRequest) pem.readObject());
            }
        }
        require(out.size() == n, "the batch has fewer than " + n + " CSRs");
        return out;
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
