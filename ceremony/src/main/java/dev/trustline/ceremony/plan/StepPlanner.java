package dev.trustline.ceremony.plan;

import dev.trustline.core.Environment;
import dev.trustline.ceremony.plan.CeremonyFile.CreateIntermediateConfig;
import dev.trustline.ceremony.plan.CeremonyFile.CreateRootConfig;
import dev.trustline.ceremony.plan.CeremonyFile.GenerateKeyConfig;
import dev.trustline.ceremony.plan.CeremonyFile.IssueCrlConfig;
import dev.trustline.ceremony.plan.CeremonyFile.SignIntermediateConfig;
import dev.trustline.ceremony.plan.CeremonyFile.StepConfig;
import dev.trustline.ceremony.plan.Steps.CreateIntermediate;
import dev.trustline.ceremony.plan.Steps.CreateRoot;
import dev.trustline.ceremony.plan.Steps.GenerateKey;
import dev.trustline.ceremony.plan.Steps.InputFile;
import dev.trustline.ceremony.plan.Steps.SignIntermediate;
import dev.trustline.ceremony.plan.Steps.Step;
import dev.trustline.core.config.Problems;
import dev.trustline.core.x509.CaProfile;
import dev.trustline.core.x509.KeyAlgorithm;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Validates one step at a time against the steps before it: references must point backwards to a
 * step of the right type, and issuers' profiles bound their subordinates'.
 */
final class StepPlanner {
    /** A step whose certificate can sign others in this ceremony (its key is on a token here). */
    record Issuer(CaProfile profile, KeyAlgorithm algorithm) {
    }

    private final Environment environment;
    private final Set<String> tokens;
    private final Path baseDir;
    private final Problems p;
    private final Map<String, Step> steps = new HashMap<>();
    private final Map<String, Optional<Issuer>> issuers = new HashMap<>();

    StepPlanner(Environment environment, Set<String> tokens, Path baseDir, Problems problems) {
        this.environment = environment;
        this.tokens = tokens;
        this.baseDir = baseDir;
        this.p = problems;
    }

    boolean known(String id) {
        return steps.containsKey(id) || issuers.containsKey(id);
    }

    Step plan(StepConfig config, String path) {
        Step step;
        if (config instanceof GenerateKeyConfig c) {
            step = generateKey(c, path);
        } else if (config instanceof CreateRootConfig c) {
            step = createRoot(c, path);
        } else if (config instanceof CreateIntermediateConfig c) {
            step = createIntermediate(c, path);
        } else if (config instanceof SignIntermediateConfig c) {
            step = signIntermediate(c, path);
        } else if (config instanceof CeremonyFile.SignPolicyConfig c) {
            step = signPolicy(c, path);
        } else if (config instanceof CeremonyFile.ExistingCaConfig c) {
            step = existingCa(c, path);
        } else if (config instanceof CeremonyFile.CrossSignConfig c) {
            step = KeyLifePlanner.crossSign(c, path, environment, rootProfile(c.issuer()), rootProfile(c.subjectCa()), p);
        } else if (config instanceof CeremonyFile.DestroyKeyConfig c) {
            boolean ok = checkToken(c.token(), path + ".token") & checkKeyLabel(c.keyLabel(), path + ".key-label");
            Steps.DestroyKey d = KeyLifePlanner.destroyKey(c, path, baseDir, p);
            step = ok ? d : null;
        } else if (config instanceof CeremonyFile.RevokeConfig c) {
            boolean root = p.require(isRoot(c.issuer()), path + ".issuer", "must name an earlier create-root or existing-ca step"
                    + (c.issuer() == null ? "" : " ('" + c.issuer() + "' is not one)"));
            CaProfile issuer = root ? rootProfile(c.issuer()) : null;
            step = RevokePlanner.plan(c, path, issuer == null ? null : issuer.subject(), baseDir, p);
        } else {
            IssueCrlConfig c = (IssueCrlConfig) config;
            step = CrlPlanner.plan(c, path, issuerOf(c.issuer(), path + ".issuer"), baseDir, p);
        }
        if (step != null) {
            steps.put(step.id(), step);
        }
        return step;
    }

    private GenerateKey generateKey(GenerateKeyConfig c, String path) {
        boolean ok = checkToken(c.token(), path + ".token") & checkKeyLabel(c.keyLabel(), path + ".key-label");
        KeyAlgorithm alg = algorithm(c.algorithm(), path + ".algorithm");
        return ok && alg != null ? new GenerateKey(c.id(), c.token(), c.keyLabel(), alg, c.output()) : null;
    }

    private Steps.ExistingCa existingCa(CeremonyFile.ExistingCaConfig c, String path) {
        boolean ok = checkToken(c.token(), path + ".token") & checkKeyLabel(c.keyLabel(), path + ".key-label");
        CaProfile[] profile = new CaProfile[1];
        Steps.ExistingCa step = KeyLifePlanner.existingCa(c, path, environment, baseDir, p, profile);
        issuers.put(c.id(), Optional.ofNullable(step == null ? null : new Issuer(profile[0], step.algorithm())));
        return ok ? step : null;
    }

    /** The profile of an earlier root step (create-root or existing-ca), or null. */
    private CaProfile rootProfile(String ref) {
        return isRoot(ref) ? issuers.get(ref).map(Issuer::profile).orElse(null) : null;
    }

    private CreateRoot createRoot(CreateRootConfig c, String path) {
        Step key = steps.get(c.key());
        boolean ok = p.require(key instanceof GenerateKey, path + ".key",
                "must name an earlier generate-key step" + (c.key() == null ? "" : " ('" + c.key() + "' is not one)"));
        CaProfile profile = ProfileParser.root(environment, c.subject(), c.validity(), c.pathLen(), path, p);
        KeyAlgorithm alg = key instanceof GenerateKey g ? g.algorithm() : null;
        issuers.put(c.id(), Optional.ofNullable(profile == null || alg == null ? null : new Issuer(profile, alg)));
        return ok && profile != null ? new CreateRoot(c.id(), c.key(), profile, c.output()) : null;
    }

    private CreateIntermediate createIntermediate(CreateIntermediateConfig c, String path) {
        Optional<Issuer> issuer = issuerOf(c.issuer(), path + ".issuer");
        boolean ok = checkToken(c.token(), path + ".token") & checkKeyLabel(c.keyLabel(), path + ".key-label");
        KeyAlgorithm alg = algorithm(c.algorithm(), path + ".algorithm");
        CaProfile profile = ProfileParser.intermediate(environment, c.profile(), issuer.map(Issuer::profile).orElse(null), path + ".profile", p);
        issuers.put(c.id(), Optional.ofNullable(profile == null || alg == null ? null : new Issuer(profile, alg)));
        if (!ok || alg == null || profile == null || issuer.isEmpty()) {
            return null;
        }
        return new CreateIntermediate(c.id(), c.issuer(), c.token(), c.keyLabel(), alg, profile, c.output());
    }

    private SignIntermediate signIntermediate(SignIntermediateConfig c, String path) {
        Optional<Issuer> issuer = issuerOf(c.issuer(), path + ".issuer");
        CaProfile profile = ProfileParser.intermediate(environment, c.profile(), issuer.map(Issuer::profile).orElse(null), path + ".profile", p);
        if ((c.csr() == null) == (c.publicKey() == null)) {
            p.add(path, "must give exactly one of csr, public-key");
            return null;
        }
        String field = c.csr() != null ? ".csr" : ".public-key";
        InputFile in = InputFiles.read(baseDir, c.csr() != null ? c.csr() : c.publicKey(), path + field, p);
        SubjectPublicKeyInfo key = in == null ? null
                : c.csr() != null ? InputFiles.csrKey(in, path + field, p) : InputFiles.publicKey(in, path + field, p);
        if (profile == null || key == null || issuer.isEmpty()) {
            return null;
        }
        return new SignIntermediate(c.id(), c.issuer(), in, key, profile, c.output());
    }

    private Steps.SignPolicy signPolicy(CeremonyFile.SignPolicyConfig c, String path) {
        boolean ok = p.require(isRoot(c.issuer()), path + ".issuer", "must name an earlier create-root or existing-ca step: only a root signs policies"
                + (c.issuer() == null ? "" : " ('" + c.issuer() + "' is not one)"));
        ok &= p.require(c.output() != null && c.output().endsWith(".yaml.p7s"), path + ".output",
                "must be NAME.yaml.p7s (the policy's copy NAME.yaml is written beside it)");
        InputFile in = InputFiles.read(baseDir, c.policy(), path + ".policy", p);
        String policyId = in == null ? null : PolicyInput.check(in, environment, path + ".policy", p);
        return ok && policyId != null ? new Steps.SignPolicy(c.id(), c.issuer(), in, policyId, c.output()) : null;
    }

    /** The issuer named by a step reference; empty (after a problem) when it is not a usable CA step. */
    private Optional<Issuer> issuerOf(String ref, String path) {
        if (!issuers.containsKey(ref)) {
            p.add(path, "must name an earlier create-root or create-intermediate step"
                    + (ref == null ? "" : " ('" + ref + "' is not one)"));
            return Optional.empty();
        }
        Optional<Issuer> issuer = issuers.get(ref);
        issuer.ifPresent(i -> p.require(i.profile().pathLen() == null || i.profile().pathLen() > 0 || isRoot(ref),
                path, "'" + ref + "' has path-len 0 and cannot issue CA certificates"));
        return issuer;
    }

    private boolean isRoot(String ref) {
        return steps.get(ref) instanceof CreateRoot || steps.get(ref) instanceof Steps.ExistingCa;
    }

    private boolean checkToken(String token, String path) {
        return p.require(token != null && tokens.contains(token), path,
                "must be one of the tokens listed at the top (" + String.join(", ", tokens) + ")");
    }

    private boolean checkKeyLabel(String label, String path) {
        return p.require(label != null && label.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"), path,
                "must be 1-64 letters, digits, dots, dashes or underscores");
    }

    private KeyAlgorithm algorithm(String name, String path) {
        Optional<KeyAlgorithm> alg = KeyAlgorithm.fromConfigName(name);
        p.require(alg.isPresent(), path, "must be one of " + KeyAlgorithm.allowedNames());
        return alg.orElse(null);
    }
}
