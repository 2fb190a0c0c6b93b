package dev.trustline.signer.revocation;

import dev.trustline.core.hsm.GeneratedKey;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.hsm.ThrowawayToken;
import dev.trustline.core.x509.CaProfile;
import dev.trustline.core.x509.CaTbsBuilder;
import dev.trustline.core.x509.Digests;
import dev.trustline.core.x509.KeyAlgorithm;
import dev.trustline.core.x509.KeyIds;
import dev.trustline.core.x509.Serials;
import dev.trustline.core.x509.TbsSigner;
import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.signer.store.LifecycleStore;
import dev.trustline.signer.store.RevokedSerial;
import dev.trustline.signer.store.Store;
import dev.trustline.signer.store.StoredCrl;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Not a test: builds and signs a device CRL of N entries (default 1,000,000; 16-byte random serials, a
 * mix of reasons) with the issuing key in a throwaway SoftHSM2 token, exactly as the signer does (build,
 * sign once in the HSM, lint including the signature), and prints wall-clock and process CPU time and the
 * CRL's size; then checks the CRL with {@code openssl crl -CAfile}. With {@code sqlite} as the third
 * argument it measures the signer's whole publish path instead (the steps of
 * {@code DeviceRevocation.publish}): the N revocations are first written straight into the
 * {@code revocations} table of a new SQLite registry (made-up rows, not timed), then each round reads them
 * back ({@code LifecycleStore.revokedSerials}), builds and signs the CRL, and stores it with its ledger entry
 * ({@code LifecycleStore.saveCrl}), timing each part. Run from the repository root with SOFTHSM2_CONF set
 * (bin/test's softhsm/setup prints it):
 *
 * <pre>
 * mvn -B -q -pl signer -am package -DskipTests
 * java -cp "signer/target/test-classes:signer/target/classes:signer/target/lib/*" \
 *     dev.trustline.signer.revocation.CrlBenchmark [entries=1000000] [rounds=3] [sqlite]
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
            byte[] crl = null;
            boolean store = args.length > 2 && args[2].equals("sqlite");
            if (store) {
                crl = publishFromStore(signer, inter, entries, rounds);
            }
            for (int r = 1; r <= rounds && !store; r++) {
                long cpu0 = cpuMillis();
                long t0 = System.nanoTime();
                crl = signer.signEncoded(BigInteger.valueOf(r), Instant.now(), Instant.now().plus(Duration.ofDays(1)), entries);
                long wall = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("round %d: %,d entries built, HSM-signed and linted in %,d ms wall, %,d ms process CPU;"
                        + " %,d bytes DER%n", r, n, wall, cpuMillis() - cpu0, crl.length);
            }
            Path dir = Files.createTempDirectory("crl-bench");
            Files.write(dir.resolve("devices.crl"), crl);
            Files.writeString(dir.resolve("chain.pem"), dev.trustline.core.x509.Pem.encode(inter, root));
            TestPki.Result check = TestPki.run(dir, "openssl", "crl", "-inform", "DER", "-in", "devices.crl", "-CAfile", "chain.pem",
                    "-noout");
            System.out.println("openssl crl -CAfile: " + check.out().strip());
            Files.delete(dir.resolve("devices.crl"));
            Files.delete(dir.resolve("chain.pem"));
            Files.delete(dir);
        }
    }

    /** The publish path on a SQLite registry holding {@code revoked}: read, build and sign, store; the last CRL's DER. */
    static byte[] publishFromStore(CrlSigner signer, X509CertificateHolder inter, List<RevokedCertificate> revoked,
            int rounds) throws Exception {
        Path dir = Files.createTempDirectory("crl-bench-store");
        Path db = dir.resolve("signer.db");
        String issuer = Digests.sha256Hex(inter.getEncoded());
        byte[] der = null;
        try (Store store = Store.openSqlite(db)) {
            long t0 = System.nanoTime();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO revocations (fingerprint_sha256, device_id,"
                        + " issuer_fingerprint_sha256, serial, reason, revoked_at, ledger_seq) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    DateTimeFormatter stored = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                            .withZone(ZoneOffset.UTC);
                    int i = 0;
                    for (RevokedCertificate r : revoked) {
                        s.setString(1, String.format("%064x", i));
                        s.setString(2, FactorySimulator.deviceId("GW", i, 9));
                        s.setString(3, issuer);
                        s.setString(4, Serials.hex(r.serial()));
                        s.setInt(5, r.reason().code());
                        s.setString(6, stored.format(r.revokedAt()));
                        s.setLong(7, i++);
                        s.addBatch();
                        if (i % 10_000 == 0) {
                            s.executeBatch();
                        }
                    }
                    s.executeBatch();
                }
                c.commit();
            }
            System.out.printf("registry: %,d revocations written to %s in %,d ms (not timed below)%n", revoked.size(), db,
                    (System.nanoTime() - t0) / 1_000_000);
            LifecycleStore lifecycle = new LifecycleStore(store);
            for (int round = 1; round <= rounds; round++) {
                long cpu0 = cpuMillis();
                long start = System.nanoTime();
                List<RevokedSerial> rows = lifecycle.revokedSerials(issuer);
                List<RevokedCertificate> entries = new ArrayList<>(rows.size());
                for (RevokedSerial r : rows) {
                    entries.add(RevokedCertificate.of(r.serialHex(), r.revokedAt(), RevocationReason.ofCode(r.reasonCode())));
                }
                long read = System.nanoTime();
                Instant now = Instant.now();
                der = signer.signEncoded(BigInteger.valueOf(round), now, now.plus(Duration.ofDays(1)), entries);
                long signed = System.nanoTime();
                boolean saved = lifecycle.saveCrl(new StoredCrl(issuer, round, now.truncatedTo(ChronoUnit.SECONDS),
                        now.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS), entries.size(), der), now);
                long end = System.nanoTime();
                if (!saved) {
                    throw new IllegalStateException("CRL number " + round + " was taken");
                }
                System.out.printf("round %d: %,d revocations read from SQLite, CRL built, HSM-signed, linted and stored with"
                        + " its ledger entry in %,d ms wall (read %,d, build+sign+lint %,d, store %,d), %,d ms process CPU;"
                        + " %,d bytes DER%n", round, entries.size(), (end - start) / 1_000_000, (read - start) / 1_000_000,
                        (signed - read) / 1_000_000, (end - signed) / 1_000_000, cpuMillis() - cpu0, der.length);
            }
        } finally {
            for (String f : new String[] {"signer.db-wal", "signer.db-shm", "signer.db"}) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.deleteIfExists(dir);
        }
        return der;
    }

    /** utime + stime of this process, from /proc/self/stat (clock ticks of 10 ms). */
    static long cpuMillis() throws Exception {
        String[] f = Files.readString(Path.of("/proc/self/stat")).replaceFirst("^.*\\) ", "").split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }
}
