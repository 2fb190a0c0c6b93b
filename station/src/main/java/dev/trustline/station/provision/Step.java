package dev.trustline.station.provision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;

/** One step of the line flow: idempotent, so a re-run can repeat it; returns its evidence or fails. */
interface Step {
    String name();

    ObjectNode run(Job job) throws StepFailed, TrustLineException;
}
