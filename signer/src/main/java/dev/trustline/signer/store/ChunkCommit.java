package dev.trustline.signer.store;

import dev.trustline.signer.ledger.LedgerRow;
import dev.trustline.signer.ledger.Payload;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The work of one {@link Store#commitChunk} transaction: lock the ledger head, re-check every
 * issued line (duplicates, quota) in line order, then write devices, results, ledger entries
 * and quota counters through the adapters that keep them.
 */
final class ChunkCommit {

    /** One line of a chunk: exactly one of issued / refusal is set. */
    record Line(int lineNo, IssuedDevice issued, Refusal refusal) {
    }

    private final Connection c;
    private final String batchId;
    private final List<Line> lines;
    private final QuotaLimits limits;
    private final Instant requested;
    private final List<BatchResultRow> finals = new ArrayList<>();
    private final List<LedgerRow> entries = new ArrayList<>();
    private final List<IssuedDevice> newDevices = new ArrayList<>();
    private final List<BatchResultRow> newResults = new ArrayList<>();
    private final Set<String> seenDevices = new HashSet<>();
    private final List<IssuedDevice> keyed = new ArrayList<>();
    private Map<String, String> keyOwners = new HashMap<>();
    private Ledger.Head head;
    private Instant time;
    private int issuedCount;
    private int refusedCount;

    ChunkCommit(Connection c, String batchId, List<Line> lines, QuotaLimits limits,
            Instant requested) {
        this.c = c;
        this.batchId = batchId;
        this.lines = lines;
        this.limits = limits;
        this.requested = requested.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The chunk's lines in line order, checked: no line twice, every issued device under the
     * quota policy.
     */
    static List<Line> lines(List<IssuedDevice> issued, List<Refusal> refusals,
            QuotaLimits limits) {
        List<Line> lines = new ArrayList<>(issued.size() + refusals.size());
        for (IssuedDevice d : issued) {
            if (!d.policyId().equals(limits.policyId())) {
                throw new IllegalArgumentException("line " + d.lineNo() + ": policy "
                        + d.policyId() + " is not the chunk's quota policy " + limits.policyId());
            }
            lines.add(new Line(d.lineNo(), d, null));
        }
        refusals.forEach(r -> lines.add(new Line(r.lineNo(), null, r)));
        Set<Integer> seen = new HashSet<>();
        for (Line line : lines) {
            if (!seen.add(line.lineNo)) {
                throw new IllegalArgumentException("line " + line.lineNo + " appears twice in the"
                        + " chunk");
            }
        }
        lines.sort(Comparator.comparingInt(Line::lineNo));
        return lines;
    }

    CommitResult run(String headLockSuffix) throws SQLException, StoreException {
        head = Ledger.head(c, headLockSuffix);
        time = head.timeFor(requested);
        Batches.Batch batch = Batches.find(c, batchId).orElseThrow(() -> new StoreException(
                "batch " + batchId + " is not registered; call registerBatch first"));
        if (lines.isEmpty()) {
            return new CommitResult(List.of(), 0, 0, head.toLedgerHead());
        }
        int last = lines.get(lines.size() - 1).lineNo;
        if (last > batch.lineCount()) {
            throw new IllegalArgumentException("line " + last + " is beyond batch " + batchId
                    + "'s " + batch.lineCount() + " lines");
        }
        Map<Integer, BatchResultRow> stored = new HashMap<>();
        Batches.results(c, batchId, lines.get(0).lineNo, last)
                .forEach(r -> stored.put(r.lineNo(), r));
        Quotas.Usage quota = Quotas.read(c, limits, Times.day(time));
        Map<String, String> current = Devices.currentFingerprints(c, lines.stream()
                .filter(l -> l.issued != null).map(l -> l.issued.deviceId()).distinct().toList());
        keyOwners = KeyIndex.owners(c, lines.stream().filter(l -> l.issued != null)
                .map(l -> KeyIndex.hash(l.issued)).filter(java.util.Objects::nonNull).toList());
        for (Line line : lines) {
            BatchResultRow done = stored.get(line.lineNo);
            if (done != null) {
                finals.add(done);
            } else if (line.refusal != null) {
                refuse(line.refusal, null);
            } else {
                issue(line.issued, current.get(line.issued.deviceId()), quota);
            }
        }
        store(quota);
        return new CommitResult(finals, issuedCount, refusedCount, head.toLedgerHead());
    }

    private void issue(IssuedDevice d, String current, Quotas.Usage quota) throws SQLException {
        if (!seenDevices.add(d.deviceId())) {
            refuse(recheck(d, Refusal.DUPLICATE_DEVICE, "device " + d.deviceId()
                    + " appears on more than one line of this chunk"), d);
            return;
        }
        if (current != null && !d.reissue()) {
            refuse(recheck(d, Refusal.DUPLICATE_DEVICE, "device " + d.deviceId()
                    + " already has a certificate (sha256 " + current + ")"), d);
            return;
        }
        DeviceState kept = null;
        if (d.reenrolFrom() != null) {
            if (!d.reenrolFrom().equals(current)) {
                refuse(recheck(d, "not-current-certificate", "device " + d.deviceId()
                        + "'s current certificate changed after the re-enrolment was checked"), d);
                return;
            }
            kept = Devices.lifecycleState(c, d.deviceId(), current);
            if (kept == DeviceState.REVOKED || kept == DeviceState.RETIRED) {
                refuse(recheck(d, "device-" + kept.code(), "device " + d.deviceId() + " is "
                        + kept.code()), d);
                return;
            }
        }
        String key = KeyIndex.hash(d);
        String owner = key == null ? null : keyOwners.putIfAbsent(key, d.deviceId());
        if (owner != null && !owner.equals(d.deviceId())) {
            refuse(recheck(d, KeyIndex.KEY_REUSE, "the CSR's public key is already certified for"
                    + " another device"), d);
            return;
        }
        String full = quota.take();
        if (full != null) {
            refuse(recheck(d, Refusal.OVER_QUOTA, full), d);
            return;
        }
        if (current != null) {
            Devices.replace(c, batchId, d, current, time, kept);
        } else {
            newDevices.add(d);
        }
        keyed.add(d);
        BatchResultRow row = BatchResultRow.issued(batchId, d);
        finals.add(row);
        newResults.add(row);
        append(LedgerPayloads.issued(batchId, d, current, kept));
        issuedCount++;
    }

    private static Refusal recheck(IssuedDevice d, String code, String message) {
        return new Refusal(d.lineNo(), d.deviceId(), d.station(), d.operator(), d.policyId(),
                code, message, true);
    }

    private void refuse(Refusal r, IssuedDevice discarded) {
        BatchResultRow row = BatchResultRow.refused(batchId, r.lineNo(), r.deviceId(),
                r.code(), r.message());
        finals.add(row);
        newResults.add(row);
        append(LedgerPayloads.refused(batchId, r, discarded));
        refusedCount++;
    }

    private void append(Payload payload) {
        LedgerRow row = head.next(time, payload);
        entries.add(row);
        head = head.after(row, time);
    }

    private void store(Quotas.Usage quota) throws SQLException {
        Devices.insert(c, batchId, newDevices, time);
        Batches.insertResults(c, newResults);
        Ledger.append(c, entries, head);
        KeyIndex.record(c, keyed);
        quota.store(c, issuedCount);
    }
}
