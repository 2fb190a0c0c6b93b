package dev.trustline.station.provision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;

/** A line step that failed: which step, a stable code, a one-line reason and the evidence seen. */
public final class StepFailed extends TrustLineException {
    private static final long serialVersionUID = 1L;
    private final String step;
    private final String code;
    private final transient ObjectNode evidence;

    public StepFailed(String step, String code, String message, ObjectNode evidence) {
        super(message);
        this.step = step;
        this.code = code;
        this.evidence = evidence == null ? JobRecord.JSON.createObjectNode() : evidence;
    }

    public String step() {
        return step;
    }

    public String code() {
        return code;
    }

    public ObjectNode evidence() {
        return evidence;
    }
}
