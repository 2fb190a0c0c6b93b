package dev.trustline.signer.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.GeneratedKey;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.x509.Digests;
import dev.trustline.core.x509.KeyAlgorithm;
import dev.trustline.signer.config.HsmSettings;
import dev.trustline.core.files.NewFiles;
import dev.trustline.core.x509.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Generates the intermediate's key in the signer's own token and writes a CSR for sign-intermediate. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Generate the manufacturing intermediate's key inside the signer's token and write a CSR for the root ceremony.")
final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "signer.yaml")
    Path config;

    @Option(names = "--label", required = true, paramLabel = "LABEL", description = "key label (use hsm.key-label of signer.yaml)")
    String label;

    @Option(names = "--csr", required = true, paramLabel = "OUT.csr", description = "where to write the CSR (created new)")
    Path csr;

    @Option(names = "--algorithm", defaultValue = "ecdsa-p256", paramLabel = "ALG", description = "ecdsa-p256 (default), ecdsa-p384, rsa-3072, rsa-4096")
    String algorithm;

    @picocli.CommandLine.Mixin
    OfficerCards officers;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        HsmSettings hsm = HsmSettings.load(config);
        KeyAlgorithm alg = KeyAlgorithm.fromConfigName(algorithm)
                .orElseThrow(() -> new TrustLineException("--algorithm must be one of " + KeyAlgorithm.allowedNames()));
        NewFiles.refuseExisting(csr);
        char[] pin = hsm.quorum() == null ? hsm.pin().read(hsm.baseDir()) : quorumPin(hsm);
        HsmToken token;
        try {
            token = HsmToken.open(hsm.module(), hsm.tokenLabel(), pin);
        } finally {
            Arrays.fill(pin, '\0');
        }
        GeneratedKey key = token.generateKey(label, alg);
        if (!key.evidence().sound()) {
            throw new TrustLineException("key '" + label + "' lacks the required attributes: " + key.evidence());
        }
        PKCS10CertificationRequest req = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + label), key.publicKey())
                .build(token.signer(label, alg.signatureAlgorithm()));
        NewFiles.writeNew(csr, Pem.encode(req).getBytes(StandardCharsets.US_ASCII), NewFiles.PUBLIC, "file");
        var out = spec.commandLine().getOut();
        out.println("generated " + alg.configName() + " key '" + label + "' in token '" + hsm.tokenLabel()
                + "' (local, always sensitive, never extractable)");
        out.println("CSR written to " + csr);
        out.println("public key sha256: " + Digests.sha256Hex(key.publicKey().getEncoded()));
        return 0;
    }

    /** A token under officer quorum: M officers open their cards here; the PIN lives in this process only. */
    private char[] quorumPin(HsmSettings hsm) throws TrustLineException {
        java.util.List<String> notes = new java.util.ArrayList<>();
        try {
            return dev.trustline.signer.seal.OfficerShares.localPin(dev.trustline.core.quorum.Roster.read(hsm.quorum()), officers.cards(),
                    officers::passphrase, notes);
        } finally {
            notes.forEach(spec.commandLine().getErr()::println);
        }
    }
}
