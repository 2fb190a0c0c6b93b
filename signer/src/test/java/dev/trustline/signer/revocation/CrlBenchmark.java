package dev.trustline.signer.revocation;

import dev.trustline.core.hsm.GeneratedKey;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.hsm.ThrowawayToken;
import dev.trustline.core.x509.CaProfile;
import dev.trustline.core.x509.CaTbsBuilder;
import dev.trustline.core.x509.KeyAlgorithm;
import dev.trustline.core.x509.KeyIds;
import dev.trustline.core.x509.Serials;
import dev.trustline.core.x509.TbsSigner;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Not a test: builds and signs a device CRL of N entries (default 1,000,000; 16-byte random serials, a
 * mix of reasons) with the issuing key in a throwaway SoftHSM2 token, exactly as the signer does (build,
 * sign once in the HSM, lint including the signature), and prints wall-clock and process CPU time and the
 * CRL's size; then checks the CRL with {@code openssl crl -CAfile}. Run from the repository root with
 * SOFTHSM2_CONF set (bin/test's softhsm/setup prints it):
 *
 * <pre>
 * mvn -B -q -pl signer -am test-compile
 * java -cp "signer/target/test-classes:signer/target/classes:signer/target/lib/*" \
 *     dev.trustline.signer.revocation.CrlBenchmark [entries=1000000] [rounds=3]
 * </pre>
 */
public final class CrlBenchmark {
    private CrlBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        SecureRandom random = new SecureRandom();
        List<RevokedCertificate> entries = new ArrayList<>(n);
        RevocationReason[] reasons = RevocationReason.values();
        Instant when = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            entries.add(new RevokedCertificate(new BigInteger(127, random), when.plusSeconds(i), reasons[i % reasons.length]));
        }
        try (ThrowawayToken t = ThrowawayToken.create(Path.of("/usr/lib/softhsm/libsofthsm2.so"), ThrowawayToken.uniqueLabel("crl-bench"))) {
            HsmToken token = t.token();
            GeneratedKey key = token.generateKey("crl-bench", KeyAlgorithm.ECDSA_P256);
            var rootKeys = KeyAlgorithm.ECDSA_P256.generate(null);
            X500Name rootName = new X500Name("CN=Bench TEST Root");
            Instant from = Instant.parse("2026-01-01T00:00:00Z");
            SubjectPublicKeyInfo rootSpki = SubjectPublicKeyInfo.getInstance(rootKeys.getPublic().getEncoded());
            X509CertificateHolder root = TbsSigner.sign(CaTbsBuilder.build(new CaProfile(dev.trustline.core.Environment.TEST, rootName, from,
                    from.plus(Duration.ofDays(3650)), null, List.of(), null, List.of(), List.of(), List.of()), rootSpki, rootName,
                    null, Serials.random(), "SHA256withECDSA"), TestPki.signer(rootKeys));
            X509CertificateHolder inter = TbsSigner.sign(CaTbsBuilder.build(new CaProfile(dev.trustline.core.Environment.TEST, new X500Name("CN=Bench TEST CA"),
                    from, from.plus(Duration.ofDays(3650)), 0, List.of(KeyPurposeId.id_kp_clientAuth), null, List.of(), List.of(),
                    List.of()), SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()), rootName, KeyIds.ski(rootSpki),
                    Serials.random(), "SHA256withECDSA"), TestPki.signer(rootKeys));
            CrlSigner signer = new CrlSigner(inter, () -> token.signer("crl-bench", "SHA256withECDSA"));
            X509CRLHolder crl = null;
            for (int r = 1; r <= rounds; r++) {
                long cpu0 = cpuMillis();
                long t0 = System.nanoTime();
                crl = signer.sign(BigInteger.valueOf(r), Instant.now(), Instant.now().plus(Duration.ofDays(1)), entries);
                long wall = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("round %d: %,d entries built, HSM-signed and linted in %,d ms wall, %,d ms process CPU;"
                        + " %,d bytes DER%n", r, n, wall, cpuMillis() - cpu0, crl.getEncoded().length);
            }
            Path dir = Files.createTempDirectory("crl-bench");
            Files.write(dir.resolve("devices.crl"), crl.getEncoded());
            Files.writeString(dir.resolve("chain.pem"), dev.trustline.core.x509.Pem.encode(inter, root));
            TestPki.Result check = TestPki.run(dir, "openssl", "crl", "-inform", "DER", "-in", "devices.crl", "-CAfile", "chain.pem",
                    "-noout");
            System.out.println("openssl crl -CAfile: " + check.out().strip());
            Files.delete(dir.resolve("devices.crl"));
            Files.delete(dir.resolve("chain.pem"));
            Files.delete(dir);
        }
    }

    /** utime + stime of this process, from /proc/self/stat (clock ticks of 10 ms). */
    static long cpuMillis() throws Exception {
        String[] f = Files.readString(Path.of("/proc/self/stat")).replaceFirst("^.*\\) ", "").split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }
}
