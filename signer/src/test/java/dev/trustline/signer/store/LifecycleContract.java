package dev.trustline.signer.store;

import static dev.trustline.signer.store.Fixtures.POLICY;
import static dev.trustline.signer.store.Fixtures.STATION;
import static dev.trustline.signer.store.Fixtures.device;
import static dev.trustline.signer.store.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.signer.access.AccessRules;
import dev.trustline.signer.access.Actor;
import dev.trustline.signer.access.Forbidden;
import dev.trustline.signer.access.Role;
import dev.trustline.signer.lifecycle.DeviceLifecycle;
import dev.trustline.signer.lifecycle.TransitionRefused;
import dev.trustline.signer.revocation.RevocationReason;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device lifecycle on a real database (subclasses: SQLite, PostgreSQL): every change goes through
 * {@link DeviceLifecycle} (roles, state machine) into {@link LifecycleStore} (rows + ledger entry, one
 * transaction), and the ledger still verifies end to end.
 */
abstract class LifecycleContract {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00.000Z");
    static final Actor STATION_ACTOR = new Actor(STATION, Role.STATION);
    static final Actor OTHER_STATION = new Actor("SZ-L9-S99", Role.STATION);
    /** What ProvisioningService passes on once it has verified a station's line evidence. */
    static final ObjectNode EVIDENCE =
            JsonNodeFactory.instance.objectNode().put("debug_locked", true).put("self_test", "pass");
    static final Actor BACKEND = new Actor("backend-01", Role.BACKEND);

    @TempDir
    Path dir;
    Store store;
    LifecycleStore lifecycleStore;
    DeviceLifecycle lifecycle;

    abstract Store openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
        lifecycleStore = new LifecycleStore(store);
        lifecycle = new DeviceLifecycle(lifecycleStore, AccessRules.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    IssuedDevice issue(String batch, IssuedDevice d) throws StoreException {
        store.registerBatch(batch, STATION, POLICY, sha(batch), d.lineNo(), NOW);
        store.commitChunk(batch, List.of(d), List.of(), QuotaLimits.unlimited(POLICY), NOW);
        return d;
    }

    DeviceState state(String id) throws StoreException {
        return lifecycleStore.device(id).orElseThrow().state();
    }

    @Test
    void apply_wholeLifecycle_recordsWhoWhenWhyInRowsAndLedger() throws Exception {
        issue("b1", device("GW1", 1));
        lifecycle.provisioned(STATION_ACTOR, "GW1", "line evidence verified",
                JsonNodeFactory.instance.objectNode().put("firmware", "fw-1.2.3"));
        lifecycle.apply(BACKEND, "GW1", DeviceState.SHIPPED, "shipped to EU warehouse", null);
        lifecycle.apply(BACKEND, "GW1", DeviceState.ACTIVATED, "first connection", null);
        lifecycle.apply(BACKEND, "GW1", DeviceState.RETURNED, "RMA 4711", null);
        assertEquals(DeviceState.RETURNED, state("GW1"));
        List<TransitionRecord> history = lifecycleStore.transitions("GW1");
        assertEquals(List.of("issued->provisioned", "provisioned->shipped", "shipped->activated", "activated->returned"),
                history.stream().map(t -> t.from().code() + "->" + t.to().code()).toList());
        assertEquals(STATION, history.get(0).actor());
        assertEquals("station", history.get(0).role());
        assertEquals("RMA 4711", history.get(3).reason());
        assertEquals(NOW, history.get(3).at());
        assertEquals(2, history.get(0).ledgerSeq(), "after the batch and its line");
        assertTrue(store.verifyLedger().ok(), store.verifyLedger().toString());
        assertEquals(6, store.ledgerHead().entries());
    }

    @Test
    void apply_refusedTransition_namesCurrentAndAllowedAndWritesNothing() throws Exception {
        issue("b1", device("GW1", 1));
        TransitionRefused e = assertThrows(TransitionRefused.class,
                () -> lifecycle.apply(BACKEND, "GW1", DeviceState.ACTIVATED, "skip ahead", null));
        assertEquals("device GW1 is issued; it cannot become activated (allowed from issued: provisioned, revoked,"
                + " retired)", e.getMessage());
        assertEquals(409, e.status());
        assertEquals(List.of(), lifecycleStore.transitions("GW1"));
        assertEquals(2, store.ledgerHead().entries(), "the batch and its line");
    }

    @Test
    void apply_stationBeyondItsRole_isForbiddenNamingThePermission() throws Exception {
        issue("b1", device("GW1", 1));
        Forbidden ship = assertThrows(Forbidden.class,
                () -> lifecycle.apply(STATION_ACTOR, "GW1", DeviceState.RETIRED, "station tries", null));
        assertEquals("station client 'SZ-L1-S03' lacks permission 'transition' (the station role may: issue, provision)",
                ship.getMessage());
        Forbidden revoke = assertThrows(Forbidden.class,
                () -> lifecycle.revoke(STATION_ACTOR, "GW1", RevocationReason.KEY_COMPROMISE, "station tries"));
        assertTrue(revoke.getMessage().contains("lacks permission 'revoke'"), revoke.getMessage());
        Forbidden other = assertThrows(Forbidden.class,
                () -> lifecycle.provisioned(OTHER_STATION, "GW1", "not mine", EVIDENCE));
        assertEquals("station 'SZ-L9-S99' did not issue device GW1; a station reports evidence only for its own devices",
                other.getMessage());
        assertEquals(DeviceState.ISSUED, state("GW1"));
    }

    /** The generic change refuses a station for every target, provisioned included, and writes nothing. */
    @Test
    void apply_stationSetsAnyState_isForbiddenNamingTransition_andWritesNothing() throws Exception {
        issue("b1", device("GW1", 1));
        long entries = store.ledgerHead().entries();
        for (DeviceState to : DeviceState.values()) {
            Forbidden e = assertThrows(Forbidden.class,
                    () -> lifecycle.apply(STATION_ACTOR, "GW1", to, "no evidence", EVIDENCE), to.code());
            assertEquals("station client 'SZ-L1-S03' lacks permission 'transition' (the station role may: issue, provision)",
                    e.getMessage());
        }
        assertEquals(DeviceState.ISSUED, state("GW1"));
        assertEquals(List.of(), lifecycleStore.transitions("GW1"));
        assertEquals(entries, store.ledgerHead().entries());
    }

    @Test
    void apply_backendSetsProvisioned_isForbiddenNamingProvision_provisionedNeedsIt() throws Exception {
        issue("b1", device("GW1", 1));
        Forbidden generic = assertThrows(Forbidden.class,
                () -> lifecycle.apply(BACKEND, "GW1", DeviceState.PROVISIONED, "no evidence", null));
        assertTrue(generic.getMessage().startsWith("backend client 'backend-01' lacks permission 'provision'"),
                generic.getMessage());
        Forbidden direct = assertThrows(Forbidden.class, () -> lifecycle.provisioned(BACKEND, "GW1", "x", EVIDENCE));
        assertEquals(generic.getMessage(), direct.getMessage());
        assertEquals(DeviceState.ISSUED, state("GW1"));
        lifecycle.provisioned(STATION_ACTOR, "GW1", "line evidence verified", EVIDENCE);
        assertEquals(DeviceState.PROVISIONED, state("GW1"));
        TransitionRefused twice = assertThrows(TransitionRefused.class,
                () -> lifecycle.provisioned(STATION_ACTOR, "GW1", "again", EVIDENCE));
        assertEquals(409, twice.status());
    }

    @Test
    void apply_unknownDeviceOrNoReason_isRefused() throws Exception {
        TransitionRefused unknown = assertThrows(TransitionRefused.class,
                () -> lifecycle.apply(BACKEND, "GW404", DeviceState.SHIPPED, "why not", null));
        assertEquals("no device 'GW404' in the registry", unknown.getMessage());
        assertEquals(404, unknown.status());
        TransitionRefused blank = assertThrows(TransitionRefused.class,
                () -> lifecycle.apply(BACKEND, "GW404", DeviceState.SHIPPED, " ", null));
        assertEquals("a lifecycle change needs a reason (who asked and why)", blank.getMessage());
    }

    @Test
    void revoke_listsTheCertificate_andRevokedIsFinal() throws Exception {
        IssuedDevice d = issue("b1", device("GW1", 1));
        issue("b2", device("GW2", 1));
        lifecycle.revoke(BACKEND, "GW1", RevocationReason.KEY_COMPROMISE, "key extracted in the field");
        assertEquals(DeviceState.REVOKED, state("GW1"));
        List<RevokedRow> revoked = lifecycleStore.revoked(Fixtures.ISSUER);
        assertEquals(1, revoked.size());
        assertEquals(d.serialHex(), revoked.get(0).serialHex());
        assertEquals(1, revoked.get(0).reasonCode());
        assertEquals(NOW, lifecycleStore.status(Fixtures.ISSUER, d.serialHex()).orElseThrow().revokedAt());
        assertEquals(List.of(new RevokedSerial(d.serialHex(), NOW, 1)), lifecycleStore.revokedSerials(Fixtures.ISSUER));
        assertEquals(List.of(), lifecycleStore.revokedSerials("00".repeat(32)));
        TransitionRefused again = assertThrows(TransitionRefused.class,
                () -> lifecycle.revoke(BACKEND, "GW1", RevocationReason.SUPERSEDED, "twice"));
        assertEquals("device GW1 is revoked; it cannot become revoked (allowed from revoked: none, it is final)",
                again.getMessage());
        assertTrue(store.verifyLedger().ok());
    }

    @Test
    void status_goodUnknownAndSupersededByReissue() throws Exception {
        IssuedDevice first = issue("b1", device("GW1", 1));
        assertEquals(null, lifecycleStore.status(Fixtures.ISSUER, first.serialHex()).orElseThrow().revokedAt());
        assertTrue(lifecycleStore.status(Fixtures.ISSUER, "abcdef").isEmpty());
        lifecycle.provisioned(STATION_ACTOR, "GW1", "evidence", EVIDENCE);
        issue("b2", device("GW1", 1, true, true));
        assertEquals(DeviceState.REFURBISHED, state("GW1"));
        RevokedRow superseded = lifecycleStore.status(Fixtures.ISSUER, first.serialHex()).orElseThrow();
        assertEquals(RevokedRow.SUPERSEDED, superseded.reasonCode());
        assertEquals(1, lifecycleStore.revokedCount(Fixtures.ISSUER));
        assertEquals(List.of(new RevokedSerial(first.serialHex(), superseded.revokedAt(), RevokedRow.SUPERSEDED)),
                lifecycleStore.revokedSerials(Fixtures.ISSUER), "the CRL's entries: the superseded certificate");
        lifecycle.provisioned(STATION_ACTOR, "GW1", "evidence after refurbishment", EVIDENCE);
        assertEquals(DeviceState.PROVISIONED, state("GW1"));
    }

    @Test
    void provenance_isStoredBoundToTheLedgerAndATamperIsCaught() throws Exception {
        IssuedDevice plain = device("GW7", 1);
        Provenance made = new Provenance("fw-2.4.1+b77", "prov-3", "shenzhen-01", Instant.parse("2026-11-30T08:00:00.123Z"));
        issue("b7", new IssuedDevice(plain.deviceId(), plain.serialHex(), plain.fingerprintSha256(), plain.issuerFingerprint(),
                plain.policyId(), plain.policyVersion(), plain.sku(), plain.hwRev(), plain.station(), plain.operator(), 1,
                plain.certificateDer(), false, false, made));
        assertEquals(made, lifecycleStore.provenance("GW7").orElseThrow());
        assertTrue(store.verifyLedger().ok(), store.verifyLedger().toString());
        store.write("tamper", c -> {
            try (var s = c.createStatement()) {
                return s.executeUpdate("UPDATE devices SET firmware_build = 'fw-evil' WHERE device_id = 'GW7'");
            }
        });
        var v = store.verifyLedger();
        assertTrue(!v.ok() && v.problem().contains("firmware_build is 'fw-evil'"), v.toString());
    }

    @Test
    void saveCrl_numbersOnlyGoUp() throws Exception {
        assertEquals(0, lifecycleStore.latestCrlNumber(Fixtures.ISSUER));
        StoredCrl one = new StoredCrl(Fixtures.ISSUER, 1, NOW, NOW.plusSeconds(3600), 0, new byte[] {0x30, 0});
        assertTrue(lifecycleStore.saveCrl(one, NOW));
        assertEquals(false, lifecycleStore.saveCrl(one, NOW));
        assertEquals(1, lifecycleStore.latestCrl(Fixtures.ISSUER).orElseThrow().number());
        assertEquals(1, lifecycleStore.latestCrlNumber(Fixtures.ISSUER));
        StoredCrl three = new StoredCrl(Fixtures.ISSUER, 3, NOW, NOW.plusSeconds(3600), 0, new byte[] {0x30, 0});
        assertTrue(lifecycleStore.saveCrl(three, NOW));
        assertEquals(false, lifecycleStore.saveCrl(new StoredCrl(Fixtures.ISSUER, 2, NOW, NOW.plusSeconds(3600), 0,
                new byte[] {0x30, 0}), NOW), "a number below the latest is taken too");
        assertEquals(3, lifecycleStore.latestCrlNumber(Fixtures.ISSUER));
        assertEquals(0, lifecycleStore.latestCrlNumber("00".repeat(32)));
        assertTrue(store.verifyLedger().ok());
    }

}
