package dev.trustline.ceremony.steps;

import dev.trustline.ceremony.plan.Steps.CreateIntermediate;
import dev.trustline.ceremony.plan.Steps.CreateRoot;
import dev.trustline.ceremony.plan.Steps.GenerateKey;
import dev.trustline.ceremony.plan.Steps.IssueCrl;
import dev.trustline.ceremony.plan.Steps.SignIntermediate;
import dev.trustline.ceremony.plan.Steps.Step;
import dev.trustline.ceremony.steps.StepContext;
import dev.trustline.core.TrustLineException;

/** Runs one validated step with the class for its type. */
public final class StepRunner {
    private StepRunner() {
    }

    public static void run(Step step, StepContext ctx) throws TrustLineException {
        if (step instanceof GenerateKey s) {
            GenerateKeyStep.run(s, ctx);
        } else if (step instanceof CreateRoot s) {
            CreateRootStep.run(s, ctx);
        } else if (step instanceof CreateIntermediate s) {
            CreateIntermediateStep.run(s, ctx);
        } else if (step instanceof SignIntermediate s) {
            SignIntermediateStep.run(s, ctx);
        } else if (step instanceof dev.trustline.ceremony.plan.Steps.SignPolicy s) {
            SignPolicyStep.run(s, ctx);
        } else if (step instanceof dev.trustline.ceremony.plan.Steps.ExistingCa s) {
            ExistingCaStep.run(s, ctx);
        } else if (step instanceof dev.trustline.ceremony.plan.Steps.CrossSign s) {
            CrossSignStep.run(s, ctx);
        } else if (step instanceof dev.trustline.ceremony.plan.Steps.DestroyKey s) {
            DestroyKeyStep.run(s, ctx);
        } else if (step instanceof dev.trustline.ceremony.plan.Steps.Revoke s) {
            IssueCrlStep.run(s.crl(), ctx);
        } else {
            IssueCrlStep.run((IssueCrl) step, ctx);
        }
    }
}
