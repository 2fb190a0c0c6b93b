package dev.trustline.ceremony.steps;

import dev.trustline.ceremony.plan.Steps.SignIntermediate;
import dev.trustline.ceremony.steps.StepContext;
import dev.trustline.core.TrustLineException;

/**
 * sign-intermediate: certify a public key generated in another HSM (from a CSR whose signature was
 * verified at planning, or a public key file). Only the key is taken; the profile decides the rest.
 */
final class SignIntermediateStep {
    private SignIntermediateStep() {
    }

    static void run(SignIntermediate step, StepContext ctx) throws TrustLineException {
        IntermediateIssuance.issue(ctx, step.id(), step.issuerStep(), step.publicKey(), step.profile(), step.output());
    }
}
