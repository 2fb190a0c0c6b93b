package dev.trustline.ceremony.plan;

import dev.trustline.core.x509.CaProfile;
import dev.trustline.core.x509.KeyAlgorithm;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** The validated ceremony steps: immutable, checked as a whole before any HSM is opened. */
public final class Steps {
    private Steps() {
    }

    /** One validated step of a ceremony. */
    public sealed interface Step permits GenerateKey, CreateRoot, CreateIntermediate, SignIntermediate, IssueCrl, SignPolicy,
            ExistingCa, CrossSign, Revoke, DestroyKey {
        String id();

        String type();

        /** The output file this step writes under --out. */
        String output();

        /** Every file this step writes under --out (all checked absent before any HSM is opened). */
        default List<String> outputs() {
            return output() == null ? List.of() : List.of(output());
        }

        /** Input files the step reads (recorded by SHA-256 in the transcript). */
        default List<InputFile> inputs() {
            return List.of();
        }
    }

    /** A file the ceremony reads, with the bytes read during validation (so what is hashed is what is used). */
    public record InputFile(Path path, byte[] bytes) {
    }

    public record GenerateKey(String id, String token, String keyLabel, KeyAlgorithm algorithm, String output)
            implements Step {
        public String type() {
            return "generate-key";
        }
    }

    public record CreateRoot(String id, String keyStep, CaProfile profile, String output) implements Step {
        public String type() {
            return "create-root";
        }
    }

    public record CreateIntermediate(String id, String issuerStep, String token, String keyLabel,
                                     KeyAlgorithm algorithm, CaProfile profile, String output) implements Step {
        public String type() {
            return "create-intermediate";
        }
    }

    public record SignIntermediate(String id, String issuerStep, InputFile source, SubjectPublicKeyInfo publicKey,
                                   CaProfile profile, String output) implements Step {
        public String type() {
            return "sign-intermediate";
        }

        @Override
        public List<InputFile> inputs() {
            return List.of(source);
        }
    }

    public record IssueCrl(String id, String issuerStep, BigInteger crlNumber, Instant thisUpdate, Instant nextUpdate,
                           List<Revocation> revocations, String output) implements Step {
        public String type() {
            return "issue-crl";
        }

        @Override
        public List<InputFile> inputs() {
            return revocations.stream().map(Revocation::certificate).filter(java.util.Objects::nonNull).toList();
        }
    }

    /**
     * existing-ca: a root certified in an earlier ceremony, whose key is on {@code token} under {@code keyLabel};
     * the run checks the token's key is the certificate's key and writes a copy of the certificate as {@code output}.
     */
    public record ExistingCa(String id, String token, String keyLabel, KeyAlgorithm algorithm, InputFile certificateFile,
                             org.bouncycastle.cert.X509CertificateHolder certificate, String output) implements Step {
        public String type() {
            return "existing-ca";
        }

        @Override
        public List<InputFile> inputs() {
            return List.of(certificateFile);
        }
    }

    /**
     * destroy-key: deletes every object of key {@code keyLabel} on {@code token} (by CKA_ID and CKA_LABEL) after
     * the operator's confirmation and the token's quorum approve the key's public key (from {@code certificate});
     * {@code output} receives the token's object listing afterwards (JSON).
     */
    public record DestroyKey(String id, String token, String keyLabel, KeyAlgorithm algorithm, InputFile certificateFile,
                             org.bouncycastle.cert.X509CertificateHolder certificate, String output) implements Step {
        public String type() {
            return "destroy-key";
        }

        @Override
        public List<InputFile> inputs() {
            return List.of(certificateFile);
        }
    }

    /** cross-sign: the root {@code issuerStep} certifies the key and name of the root {@code subjectStep}. */
    public record CrossSign(String id, String issuerStep, String subjectStep, CaProfile profile, String output) implements Step {
        public String type() {
            return "cross-sign";
        }
    }

    /** revoke: the issuer's next CRL ({@code crl}), carrying the previous CRL's entries and one more. */
    public record Revoke(IssueCrl crl, InputFile previousCrl) implements Step {
        public String id() {
            return crl.id();
        }

        public String type() {
            return "revoke";
        }

        public String output() {
            return crl.output();
        }

        @Override
        public List<InputFile> inputs() {
            List<InputFile> in = new java.util.ArrayList<>(crl.inputs());
            if (previousCrl != null) {
                in.add(previousCrl);
            }
            return List.copyOf(in);
        }
    }

    /**
     * sign-policy: the root signs the exact bytes of a policy file (detached CMS). Writes a copy of the
     * policy ({@code output} without .p7s) and the signature ({@code output}).
     */
    public record SignPolicy(String id, String issuerStep, InputFile policy, String policyId, String output) implements Step {
        public String type() {
            return "sign-policy";
        }

        public String policyCopy() {
            return output.substring(0, output.length() - ".p7s".length());
        }

        @Override
        public List<String> outputs() {
            return List.of(policyCopy(), output);
        }

        @Override
        public List<InputFile> inputs() {
            return List.of(policy);
        }
    }

    /**
     * A certificate to revoke: its file (null when named by serial or carried from the previous CRL), serial,
     * issuer name, CRL reason code, revocation time and invalidity date (null when not given).
     */
    public record Revocation(InputFile certificate, BigInteger serial, X500Name issuer, int reason, Instant revokedAt,
                             Instant invalidityDate) {
        public Revocation(InputFile certificate, BigInteger serial, X500Name issuer, int reason, Instant revokedAt) {
            this(certificate, serial, issuer, reason, revokedAt, null);
        }
    }
}
