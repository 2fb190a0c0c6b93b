package dev.trustline.ceremony.steps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.plan.Steps.DestroyKey;
import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.chain.CanonicalJson;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.hsm.TokenObject;
import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * destroy-key: a retired key leaves the HSM. The key on the token must be the certificate's key; the operator
 * confirms and the token's officers approve its public key (SubjectPublicKeyInfo) like a signature; then every
 * object with that CKA_ID or CKA_LABEL is destroyed, the token's object listing is read back, and the step fails
 * unless nothing by that label or ID remains. Both lists go into the transcript ("key-destroyed") and the listing
 * into the output file. In a rehearsal a stand-in key of that label is made first, so the same path runs.
 */
final class DestroyKeyStep {
    private DestroyKeyStep() {
    }

    static void run(DestroyKey step, StepContext ctx) throws TrustLineException {
        HsmToken token = ctx.token(step.token());
        byte[] spki;
        if (ctx.rehearsal()) {
            spki = GenerateKeyStep.generate(ctx, step.id(), step.token(), step.keyLabel(), step.algorithm()).publicKey().getEncoded();
        } else {
            spki = token.publicKey(step.keyLabel()).getEncoded();
            if (!Arrays.equals(spki, der(step))) {
                throw new TrustLineException("step '" + step.id() + "': key '" + step.keyLabel() + "' on token '" + step.token()
                        + "' is not the key of " + step.certificate().getSubject() + "; nothing was destroyed");
            }
        }
        String summary = "== step '" + step.id() + "': DESTROY key '" + step.keyLabel() + "' on token '" + step.token() + "' ==\n"
                + "  the key of:        " + step.certificate().getSubject() + (ctx.rehearsal() ? " (a stand-in in this rehearsal)" : "") + "\n"
                + "  public key sha256: " + Digests.sha256Hex(spki) + "\n  This cannot be undone.";
        SignOnce.confirm(ctx, step.id(), summary, spki);
        ctx.approve(step.id(), step.token(), spki);
        List<TokenObject> destroyed = token.destroyKey(step.keyLabel());
        List<TokenObject> after = token.objects();
        ObjectNode entry = Transcript.payload().put("step", step.id()).put("token", step.token())
                .put("token-label", token.identity().label()).put("key-label", step.keyLabel())
                .put("tbs-sha256", Digests.sha256Hex(spki)).put("public-key-sha256", Digests.sha256Hex(spki))
                .put("stand-in", ctx.rehearsal());
        entry.set("destroyed", list(destroyed));
        entry.set("objects-after", list(after));
        ctx.transcript().append("key-destroyed", entry);
        String remaining = remaining(after, step.keyLabel());
        if (destroyed.stream().noneMatch(o -> o.kind().equals("private-key")) || remaining != null) {
            throw new TrustLineException("step '" + step.id() + "': key '" + step.keyLabel() + "' was not fully destroyed"
                    + (remaining == null ? " (no private key was found)" : " (" + remaining + " remains)"));
        }
        ObjectNode listing = Transcript.payload().put("token", step.token()).put("token-label", token.identity().label());
        listing.set("objects", list(after));
        ctx.writeRawOutput(step.id(), step.output(), (CanonicalJson.encodeToString(listing) + "\n").getBytes(StandardCharsets.UTF_8),
                Transcript.payload().put("format", "token-listing"));
        ctx.confirmer().info("  destroyed " + destroyed.size() + " object(s); " + after.size() + " object(s) remain on the token");
    }

    /** The first object in {@code after} that still carries the label or its ID, described, or null. */
    static String remaining(List<TokenObject> after, String label) {
        String id = HexFormat.of().formatHex(label.getBytes(StandardCharsets.UTF_8));
        return after.stream().filter(o -> o.label().equals(label) || o.idHex().equals(id))
                .map(o -> o.kind() + " '" + o.label() + "'").findFirst().orElse(null);
    }

    private static ArrayNode list(List<TokenObject> objects) {
        ArrayNode a = Transcript.payload().arrayNode();
        objects.forEach(o -> a.addObject().put("kind", o.kind()).put("label", o.label()).put("id", o.idHex()));
        return a;
    }

    private static byte[] der(DestroyKey step) throws TrustLineException {
        try {
            return step.certificate().getSubjectPublicKeyInfo().getEncoded("DER");
        } catch (IOException e) {
            throw new TrustLineException("cannot encode a public key", e);
        }
    }
}
