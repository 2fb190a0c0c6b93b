package dev.trustline.signer.it;

import dev.trustline.core.hsm.GeneratedKey;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.hsm.ThrowawayToken;
import dev.trustline.core.hsm.TokenIdentity;
import dev.trustline.core.hsm.TokenInitializer;
import dev.trustline.core.policy.PolicySignature;
import dev.trustline.core.x509.CaProfile;
import dev.trustline.core.x509.CaTbsBuilder;
import dev.trustline.core.x509.Digests;
import dev.trustline.core.x509.KeyAlgorithm;
import dev.trustline.core.x509.KeyIds;
import dev.trustline.core.x509.Serials;
import dev.trustline.core.x509.TbsSigner;
import dev.trustline.core.x509.Pem;
import dev.trustline.signer.tls.StationCa;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A complete signer installation for tests: a real SoftHSM2 token holding the intermediate's key, a
 * software test root (only a signature source here: the ceremony tests cover HSM roots), the station CA,
 * station and server certificates, root-signed policies, and signer.yaml with a SQLite file. Public, in the signer's
 * test jar, because the station module's tests run against the same real signer.
 */
public final class SignerFixture {
    public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final String PIN = "signer-test-pin";
    public static final String KEY_LABEL = "gateway-mfg-test";
    public static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");

    public final Path dir;
    public final TokenIdentity token;
    public final KeyPair rootKeys;
    public final X509CertificateHolder root;
    public final X509CertificateHolder intermediate;
    public final X509CertificateHolder stationCa;
    public final String intermediateKeySha;

    public SignerFixture(Path dir) throws Exception {
        this.dir = dir;
        for (String d : List.of("certs", "policies", "tls", "secrets", "state", "stations")) {
            Files.createDirectories(dir.resolve(d));
        }
        write("secrets/signer.pin", PIN);
        write("secrets/pass", "test-pkcs12-password");
        String label = ThrowawayToken.uniqueLabel("signer-it");
        token = TokenInitializer.initialise(MODULE, label, "signer-it-so".toCharArray(), PIN.toCharArray());
        GeneratedKey key = HsmToken.open(MODULE, label, PIN.toCharArray()).generateKey(KEY_LABEL, KeyAlgorithm.ECDSA_P256);
        rootKeys = KeyAlgorithm.ECDSA_P384.generate(null);
        root = rootCert();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded());
        intermediateKeySha = Digests.sha256Hex(spki.getEncoded("DER"));
        intermediate = caCert("C=GB,O=Example Gateways Ltd,OU=Shenzhen Factory,CN=Gateway TEST CA", spki,
                List.of(KeyPurposeId.id_kp_clientAuth), constraints());
        StationCa.init(dir.resolve("secrets/station-ca.p12"), dir.resolve("secrets/station-ca.csr"), "Station CA", pass());
        stationCa = caCert("C=GB,O=Example Gateways Ltd,CN=Station TEST CA", csrKey(dir.resolve("secrets/station-ca.csr")),
                List.of(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth), null);
        write("certs/root.pem", Pem.encode(root));
        write("certs/intermediate.pem", Pem.encode(intermediate));
        write("certs/station-ca.pem", Pem.encode(stationCa));
        write("certs/station-chain.pem", Pem.encode(stationCa, root));
        issue("localhost", true, dir.resolve("tls/server.p12"));
    }

    public char[] pass() {
        return "test-pkcs12-password".toCharArray();
    }

    public Path station(String cn) throws Exception {
        Path p12 = dir.resolve("stations/" + cn + ".p12");
        if (!Files.exists(p12)) {
            issue(cn, false, p12);
        }
        return p12;
    }

    /**
     * A client certificate from a separate backend CA (certified by the root, written to certs/backend-ca.pem on
     * first use), as signer.yaml's access.backend-ca names it.
     */
    public Path backendClient(String cn) throws Exception {
        Path ca = dir.resolve("secrets/backend-ca.p12");
        if (!Files.exists(ca)) {
            StationCa.init(ca, dir.resolve("secrets/backend-ca.csr"), "Backend CA", pass());
            X509CertificateHolder cert = caCert("C=GB,O=Example Gateways Ltd,CN=Backend TEST CA",
                    csrKey(dir.resolve("secrets/backend-ca.csr")), List.of(KeyPurposeId.id_kp_clientAuth), null);
            write("certs/backend-ca.pem", Pem.encode(cert));
        }
        Path p12 = dir.resolve("stations/backend-" + cn + ".p12");
        if (!Files.exists(p12)) {
            X509CertificateHolder cert = Pem.certificate(dir.resolve("certs/backend-ca.pem"));
            StationCa.issue(ca, pass(), List.of(cert, root), cn, false, Duration.ofDays(30), p12, pass());
        }
        return p12;
    }

    private void issue(String cn, boolean server, Path out) throws Exception {
        StationCa.issue(dir.resolve("secrets/station-ca.p12"), pass(), List.of(stationCa, root), cn, server,
                Duration.ofDays(30), out, pass());
    }

    /** The example policy, bound to the intermediate's key, with {@code edits} applied, signed by the root. */
    public Path policy(String id, String... edits) throws Exception {
        String text = Files.readString(Path.of(System.getProperty("trustline.root", ".."), "policies/examples/shenzhen-gateways-2026.yaml"))
                .replace("certificate-sha256: \"" + "0".repeat(64) + "\"", "public-key-sha256: \"" + intermediateKeySha + "\"")
                .replace("policy: shenzhen-gateways-2026", "policy: " + id);
        for (int i = 0; i + 1 < edits.length; i += 2) {
            if (!text.contains(edits[i])) {
                throw new IllegalArgumentException("policy edit not applicable: " + edits[i]);
            }
            text = text.replace(edits[i], edits[i + 1]);
        }
        Path file = dir.resolve("policies/" + id + ".yaml");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        Files.write(Path.of(file + ".p7s"), PolicySignature.sign(bytes, rootSigner(), root, Instant.now().minusSeconds(60)));
        return file;
    }

    /** signer.yaml naming {@code policies} (file names under policies/). */
    public Path config(String name, int maxLines, String... policies) throws Exception {
        StringBuilder p = new StringBuilder();
        for (String policy : policies) {
            p.append("  - policies/").append(policy).append(".yaml\n");
        }
        String yaml = "hsm:\n  module: " + MODULE + "\n  token-label: " + token.label() + "\n  pin: file:secrets/signer.pin\n"
                + "  key-label: " + KEY_LABEL + "\ntrust:\n  root: certs/root.pem\n  intermediate: certs/intermediate.pem\n"
                + "  station-ca: certs/station-ca.pem\npolicies:\n" + p + "tls:\n  key-store: tls/server.p12\n  password: file:secrets/pass\n"
                + "listen: {host: 127.0.0.1, port: 0}\nadmin: {host: 127.0.0.1, port: 0}\ndatabase:\n  sqlite: state/" + name + ".db\nlimits:\n  max-lines: " + maxLines
                + "\n  max-request-bytes: 2000000\n  workers: 2\n";
        return write(name + ".yaml", yaml);
    }

    public Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text + (text.endsWith("\n") ? "" : "\n"));
        return f;
    }

    public ContentSigner rootSigner() throws Exception {
        return new JcaContentSignerBuilder("SHA384withECDSA").build(rootKeys.getPrivate());
    }

    private X509CertificateHolder rootCert() throws Exception {
        X500Name name = new X500Name("C=GB,O=Example Gateways Ltd,CN=Example Gateways TEST Root");
        CaProfile profile = new CaProfile(dev.trustline.core.Environment.TEST, name, FROM, FROM.plus(Duration.ofDays(3650)), 1, List.of(), null, List.of(), List.of(), List.of());
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(rootKeys.getPublic().getEncoded());
        return TbsSigner.sign(CaTbsBuilder.build(profile, spki, name, null, Serials.random(), "SHA384withECDSA"), rootSigner());
    }

    private X509CertificateHolder caCert(String subject, SubjectPublicKeyInfo key, List<KeyPurposeId> ekus, NameConstraints nc) throws Exception {
        CaProfile profile = new CaProfile(dev.trustline.core.Environment.TEST, new X500Name(subject), FROM, FROM.plus(Duration.ofDays(1800)), 0, ekus, nc,
                List.of(), List.of(), List.of());
        return TbsSigner.sign(CaTbsBuilder.build(profile, key, root.getSubject(), KeyIds.ski(root.getSubjectPublicKeyInfo()),
                Serials.random(), "SHA384withECDSA"), rootSigner());
    }

    private static NameConstraints constraints() {
        return new NameConstraints(new GeneralSubtree[] {new GeneralSubtree(new GeneralName(
                new X500Name("O=Example Gateways Ltd,OU=Shenzhen Factory")))}, null);
    }

    private static SubjectPublicKeyInfo csrKey(Path csr) throws Exception {
        try (PEMParser p = new PEMParser(new StringReader(Files.readString(csr)))) {
            return ((PKCS10CertificationRequest) p.readObject()).getSubjectPublicKeyInfo();
        }
    }
}
