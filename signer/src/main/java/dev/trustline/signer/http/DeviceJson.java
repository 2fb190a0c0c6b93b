package dev.trustline.signer.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.signer.lifecycle.DeviceCheck;
import dev.trustline.signer.lifecycle.Transitions;
import dev.trustline.signer.revocation.SerialStatus;
import dev.trustline.signer.store.DeviceRecord;
import dev.trustline.signer.store.PreviousCertificate;
import dev.trustline.signer.store.Provenance;
import dev.trustline.signer.store.StoredCrl;
import dev.trustline.signer.store.TransitionRecord;
import java.util.List;

/** The JSON of the device API: a registry record, its history, a transition, a check's verdict, a CRL. */
public final class DeviceJson {
    private DeviceJson() {
    }

    public static ObjectNode record(DeviceRecord d, Provenance p) {
        ObjectNode o = ResultsJson.JSON.createObjectNode().put("device_id", d.deviceId()).put("state", d.state().code())
                .put("sku", d.sku()).put("hw_rev", d.hwRev());
        if (p != null) {
            o.put("firmware_build", p.firmwareBuild()).put("spec_version", p.specVersion())
                    .put("factory_site", p.factorySite())
                    .put("manufactured_at", p.manufacturedAt() == null ? null : p.manufacturedAt().toString());
        }
        o.put("batch_id", d.batchId()).put("line", d.lineNo()).put("station", d.station()).put("operator", d.operator())
                .put("policy", d.policyId()).put("policy_version", d.policyVersion()).put("serial", d.serialHex())
                .put("fingerprint_sha256", d.fingerprintSha256()).put("issued_at", d.issuedAt().toString());
        ArrayNode next = o.putArray("allowed_next");
        Transitions.allowedFrom(d.state()).forEach(s -> next.add(s.code()));
        return o;
    }

    public static ObjectNode history(DeviceRecord d, Provenance p, List<TransitionRecord> transitions,
            List<PreviousCertificate> previous) {
        ObjectNode o = record(d, p);
        ArrayNode h = o.putArray("history");
        transitions.forEach(t -> h.add(transition(t)));
        ArrayNode certs = o.putArray("previous_certificates");
        for (PreviousCertificate c : previous) {
            certs.addObject().put("serial", c.serialHex()).put("fingerprint_sha256", c.fingerprintSha256())
                    .put("issued_at", c.issuedAt().toString()).put("superseded_at", c.supersededAt().toString())
                    .put("revoked", c.revoked());
        }
        return o;
    }

    public static ObjectNode transition(TransitionRecord t) {
        return ResultsJson.JSON.createObjectNode().put("ledger_seq", t.ledgerSeq()).put("at", t.at().toString())
                .put("from", t.from().code()).put("to", t.to().code()).put("actor", t.actor()).put("role", t.role())
                .put("reason", t.reason()).put("fingerprint_sha256", t.fingerprintSha256());
    }

    public static ObjectNode check(DeviceCheck.Result r) {
        ObjectNode o = ResultsJson.JSON.createObjectNode().put("verdict", r.allow() ? "allow" : "deny");
        ArrayNode reasons = o.putArray("reasons");
        r.reasons().forEach(reasons::add);
        o.putObject("chain").put("valid", r.chainValid()).put("problem", r.chainProblem());
        SerialStatus s = r.revocation();
        ObjectNode rev = o.putObject("revocation").put("status", s.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (s.kind() == SerialStatus.Kind.REVOKED) {
            rev.put("revoked_at", s.revokedAt().toString()).put("reason", s.reason().configName());
        }
        o.put("fingerprint_sha256", r.fingerprint()).put("current_certificate", r.currentCertificate());
        if (r.device().isPresent()) {
            o.set("device", record(r.device().get(), r.provenance().orElse(null)));
        } else {
            o.putNull("device");
        }
        return o;
    }

    public static ObjectNode crl(StoredCrl c) {
        return ResultsJson.JSON.createObjectNode().put("number", c.number()).put("this_update", c.thisUpdate().toString())
                .put("next_update", c.nextUpdate().toString()).put("entries", c.entries());
    }
}
