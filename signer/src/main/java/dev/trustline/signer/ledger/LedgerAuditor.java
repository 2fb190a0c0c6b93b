package dev.trustline.signer.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The offline audit of an exported ledger (no database, no HSM): pass 1 checks the chain, every
 * entry's shape and rules ({@link Replay}) and every checkpoint's signature up to the root;
 * the export must end in a checkpoint, so that a signature covers every entry. Pass 2 checks
 * every issued certificate ({@link CertificateCheck}) against the issuers the checkpoints
 * carried and counts issued and refused lines per policy, station, operator and UTC day.
 */
public final class LedgerAuditor {

    /** Issued and refused counts under one key. */
    public record Count(long issued, long refused) {
        Count plus(boolean isIssued) {
            return isIssued ? new Count(issued + 1, refused) : new Count(issued, refused + 1);
        }
    }

    /** What an audit found: sizes, the last checkpoint, and the totals. */
    public record Report(long entries, String head, long checkpoints, CheckpointEntry last,
            long certificates, Map<String, Map<String, Count>> totals) {
    }

    private final Path export;
    private final CheckpointTrust trust;

    public LedgerAuditor(Path export, X509CertificateHolder root) {
        this.export = export;
        this.trust = new CheckpointTrust(root);
    }

    public Report run() throws IOException, LedgerProblem {
        ChainCheck chain = new ChainCheck(trust);
        Replay replay = new Replay();
        long checkpoints = 0;
        try (ExportReader in = new ExportReader(export)) {
            for (LedgerRow row = in.next(); row != null; row = in.next()) {
                Payload p = chain.next(row);
                replay.apply(row.seq(), row.time(), p);
                checkpoints += p instanceof CheckpointEntry ? 1 : 0;
            }
        }
        if (chain.entries() == 0) {
            throw new LedgerProblem(-1, export + ": empty file; a ledger has at least one entry");
        }
        if (chain.lastCheckpointSeq() != chain.entries() - 1) {
            throw new LedgerProblem(chain.lastCheckpointSeq() + 1, "entries "
                    + (chain.lastCheckpointSeq() + 1) + " to " + (chain.entries() - 1)
                    + " come after the last checkpoint: no signature covers them (export after"
                    + " the signer's next checkpoint, e.g. after it stops)");
        }
        return second(chain, checkpoints);
    }

    private Report second(ChainCheck chain, long checkpoints) throws IOException, LedgerProblem {
        CertificateCheck certs = new CertificateCheck(trust.issuers());
        Map<String, Map<String, Count>> totals = new TreeMap<>();
        long certificates = 0;
        try (ExportReader in = new ExportReader(export)) {
            for (LedgerRow row = in.next(); row != null; row = in.next()) {
                Payload p = Payloads.decode(row.seq(), row.type(), row.payload());
                if (p instanceof IssuedEntry i) {
                    certs.check(row.seq(), i);
                    certificates++;
                    count(totals, i.policyId(), i.station(), i.operator(), row.time(), true);
                } else if (p instanceof RefusedEntry r) {
                    count(totals, r.policyId() == null ? "(none)" : r.policyId(), r.station(),
                            r.operator(), row.time(), false);
                }
            }
        }
        return new Report(chain.entries(), chain.head(), checkpoints, chain.lastCheckpoint(),
                certificates, totals);
    }

    private static void count(Map<String, Map<String, Count>> totals, String policy,
            String station, String operator, String time, boolean issued) {
        add(totals, "policy", policy, issued);
        add(totals, "station", station, issued);
        add(totals, "operator", operator, issued);
        add(totals, "day", time.substring(0, 10), issued);
    }

    private static void add(Map<String, Map<String, Count>> totals, String kind, String key,
            boolean issued) {
        totals.computeIfAbsent(kind, k -> new TreeMap<>())
                .merge(key, new Count(0, 0).plus(issued), (a, b) -> a.plus(issued));
    }
}
