package dev.trustline.signer.ca;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.config.ConfigException;
import dev.trustline.core.policy.Policy;
import dev.trustline.core.policy.PolicySignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policies this signer enforces, each verified at startup: its detached CMS signature by the
 * trusted root over the exact file bytes, strict validation, and scope (validity now, the intermediate
 * it names, test vs production root, EKU and name constraints). Any bad policy stops the start.
 */
public final class SignedPolicies {
    private final Map<String, Policy> byId;

    private SignedPolicies(Map<String, Policy> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static SignedPolicies load(List<Path> files, IssuingCa ca, Instant now) throws TrustLineException {
        Map<String, Policy> byId = new LinkedHashMap<>();
        for (Path file : files) {
            Policy policy = loadOne(file, ca, now);
            if (byId.putIfAbsent(policy.id(), policy) != null) {
                throw new TrustLineException(file + ": policy id " + policy.id() + " is loaded twice");
            }
        }
        return new SignedPolicies(byId);
    }

    private static Policy loadOne(Path file, IssuingCa ca, Instant now) throws TrustLineException {
        byte[] bytes;
        byte[] p7s;
        try {
            bytes = Files.readAllBytes(file);
            p7s = Files.readAllBytes(Path.of(file + ".p7s"));
        } catch (IOException e) {
            throw new TrustLineException(file + ": cannot read the policy or its signature (" + e.getMessage() + ")", e);
        }
        try {
            PolicySignature.verify(bytes, p7s, ca.root());
            Policy policy = Policy.parse(bytes, file.toString());
            policy.checkUsableUnder(ca.root(), ca.intermediate(), now);
            return policy;
        } catch (ConfigException e) {
            throw e;
        } catch (TrustLineException e) {
            throw e.withContext(file.toString());
        }
    }

    public Optional<Policy> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Policy> all() {
        return List.copyOf(byId.values());
    }
}
