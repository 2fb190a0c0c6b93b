package dev.trustline.ceremony.run;

import dev.trustline.core.Environment;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.console.Confirmer;
import dev.trustline.ceremony.plan.Ceremony;
import dev.trustline.ceremony.plan.Steps.InputFile;
import dev.trustline.ceremony.plan.Steps.Step;
import dev.trustline.ceremony.steps.CeremonyAbortedException;
import dev.trustline.ceremony.steps.StepContext;
import dev.trustline.ceremony.steps.StepRunner;
import dev.trustline.ceremony.transcript.OutputDir;
import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.Version;
import dev.trustline.core.chain.CanonicalJson;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.x509.Digests;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a validated ceremony: the same code path for a rehearsal (throwaway tokens) and a real run
 * (site tokens). Outputs are checked absent before any HSM is touched; every step is recorded; any
 * failure or refusal ends the transcript with an abort entry naming where and why.
 */
public final class CeremonyRunner {
    /** How this run was started, for the transcript's start entry. */
    public record Options(String mode, String operator, String hsmFileSha256, Clock clock) {
    }

    /** The chain head (the end entry's hash) for the paper log. */
    public record Result(String chainHead, int steps) {
    }

    private final Ceremony ceremony;
    private final TokenSource tokens;
    private final OutputDir out;
    private final Confirmer confirmer;
    private final Options options;

    public CeremonyRunner(Ceremony ceremony, TokenSource tokens, OutputDir out, Confirmer confirmer, Options options) {
        this.ceremony = ceremony;
        this.tokens = tokens;
        this.out = out;
        this.confirmer = confirmer;
        this.options = options;
    }

    public Result run() throws TrustLineException {
        out.prepare();
        boolean productionRosters = ceremony.environment() == Environment.PRODUCTION && !tokens.throwaway();
        try (tokens; TokenOpener opener = new TokenOpener(tokens.quorumInputs(), productionRosters);
             Transcript transcript = Transcript.create(out.path().resolve(OutputDir.TRANSCRIPT), options.clock())) {
            transcript.append("start", startPayload());
            return runRecorded(transcript, opener);
        }
    }

    private Result runRecorded(Transcript transcript, TokenOpener opener) throws TrustLineException {
        String at = "open-tokens";
        try {
            Map<String, OpenedToken> opened = openTokens(transcript, opener);
            StepContext ctx = new StepContext(ceremony, hsmTokens(opened), approvals(opened, transcript), transcript, out, confirmer, tokens.throwaway());
            for (Step step : ceremony.steps()) {
                at = step.id();
                confirmer.info("step '" + step.id() + "' (" + step.type() + ")");
                transcript.append("step-start", stepStart(step));
                StepRunner.run(step, ctx);
            }
            at = "end";
            transcript.append("end", endPayload(opened, transcript.head()));
            return new Result(transcript.head(), ceremony.steps().size());
        } catch (TrustLineException e) {
            abort(transcript, at, e instanceof CeremonyAbortedException ? "declined" : "error", e.getMessage());
            throw e.withContext("step '" + at + "'");
        } catch (RuntimeException e) {
            abort(transcript, at, "error", "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
            throw new TrustLineException("step '" + at + "': unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private Map<String, OpenedToken> openTokens(Transcript transcript, TokenOpener opener) throws TrustLineException {
        Map<String, OpenedToken> opened = new LinkedHashMap<>();
        for (String name : ceremony.tokens()) {
            OpenedToken openedToken = opener.open(name, tokens.slot(name), transcript);
            HsmToken token = openedToken.token();
            opened.put(name, openedToken);
            var id = token.identity();
            transcript.append("token", Transcript.payload().put("name", name).put("module", token.modulePath().toString())
                    .put("label", id.label()).put("serial", id.serial()).put("model", id.model())
                    .put("manufacturer", id.manufacturer()).put("firmware", id.firmware()).put("throwaway", tokens.throwaway()));
            confirmer.info("token '" + name + "': " + id.label() + " (serial " + id.serial() + ", " + id.model() + ")");
        }
        return opened;
    }

    private static Map<String, HsmToken> hsmTokens(Map<String, OpenedToken> opened) {
        Map<String, HsmToken> tokens = new LinkedHashMap<>();
        opened.forEach((name, t) -> tokens.put(name, t.token()));
        return tokens;
    }

    private StepContext.Approvals approvals(Map<String, OpenedToken> opened, Transcript transcript) {
        return (stepId, tokenName, bytes) -> {
            OpenedToken t = opened.get(tokenName);
            if (t.quorum() != null) {
                t.quorum().approve(ceremony.sha256(), stepId, bytes, confirmer, transcript);
            }
        };
    }

    private ObjectNode startPayload() {
        ObjectNode p = Transcript.payload().put("tool", Version.TOOL).put("mode", options.mode())
                .put("ceremony", ceremony.id()).put("ceremony-file", ceremony.file().getFileName().toString())
                .put("ceremony-sha256", ceremony.sha256()).put("environment", ceremony.environment().configName())
                .put("operator", options.operator()).put("confirmations", confirmer.mode());
        if (ceremony.administrator() != null) {
            p.put("administrator", ceremony.administrator());
        }
        if (ceremony.location() != null) {
            p.put("location", ceremony.location());
        }
        ArrayNode witnesses = p.putArray("witnesses");
        ceremony.witnesses().forEach(witnesses::add);
        if (options.hsmFileSha256() != null) {
            p.put("hsm-file-sha256", options.hsmFileSha256());
        }
        return p;
    }

    private static ObjectNode stepStart(Step step) {
        ObjectNode p = Transcript.payload().put("step", step.id()).put("type", step.type()).put("output", step.output());
        ArrayNode inputs = p.putArray("inputs");
        for (InputFile in : step.inputs()) {
            inputs.addObject().put("file", in.path().getFileName().toString()).put("sha256", Digests.sha256Hex(in.bytes()));
        }
        return p;
    }

    /**
     * The end entry: what the ceremony produced (every output with its SHA-256, in order), the step
     * count, and the chain head before it. M officers of each quorum token sign exactly these bytes
     * (canonical JSON of the entry without its approvals), so editing any of it breaks their signatures.
     */
    private ObjectNode endPayload(Map<String, OpenedToken> opened, String headBeforeEnd) throws TrustLineException {
        ObjectNode body = Transcript.payload().put("ceremony", ceremony.id()).put("ceremony-sha256", ceremony.sha256())
                .put("steps", ceremony.steps().size()).put("head-before-end", headBeforeEnd);
        ArrayNode outputs = body.putArray("outputs");
        for (OutputDir.Written w : out.written()) {
            outputs.addObject().put("file", w.file()).put("sha256", w.sha256());
        }
        byte[] signed = CanonicalJson.encode(body);
        ObjectNode p = body.deepCopy();
        ArrayNode approvals = p.putArray("approvals");
        for (OpenedToken t : opened.values()) {
            if (t.quorum() != null) {
                approvals.add(t.quorum().approveEnd(ceremony.sha256(), signed, confirmer));
            }
        }
        return p;
    }

    private static void abort(Transcript transcript, String at, String kind, String reason) throws TrustLineException {
        transcript.append("abort", Transcript.payload().put("step", at).put("kind", kind).put("reason", String.valueOf(reason)));
    }
}
