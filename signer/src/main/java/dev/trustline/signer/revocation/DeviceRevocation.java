package dev.trustline.signer.revocation;

import dev.trustline.core.TrustLineException;
import dev.trustline.signer.ca.IssuingCa;
import dev.trustline.signer.store.LifecycleStore;
import dev.trustline.signer.store.RevokedRow;
import dev.trustline.signer.store.RevokedSerial;
import dev.trustline.signer.store.StoredCrl;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The issuing intermediate's device CRL and OCSP answers, from the registry. A CRL is signed in the HSM
 * ({@link CrlSigner}) with the next CRL number, stored with its ledger entry, and served until it is stale:
 * when a revocation is not on it yet, or it is older than the refresh interval. {@link #publish} signs one
 * now (on demand and on the schedule). Several signer instances on one database agree on numbers: a number
 * taken by another instance is re-read and the next one is signed.
 */
public final class DeviceRevocation {
    private final IssuingCa ca;
    private final LifecycleStore store;
    private final Duration validity;
    private final Duration refresh;
    private final Clock clock;
    private final CrlSigner crls;
    private final OcspResponder ocsp;

    public DeviceRevocation(IssuingCa ca, LifecycleStore store, Duration crlValidity, Duration crlRefresh,
            Duration ocspValidity, Clock clock) {
        this.ca = ca;
        this.store = store;
        this.validity = crlValidity;
        this.refresh = crlRefresh;
        this.clock = clock;
        this.crls = new CrlSigner(ca.intermediate(), ca::signer);
        this.ocsp = new OcspResponder(ca.intermediate(), ca::signer, this::status, ocspValidity);
    }

    /** The CRL to serve now: the stored one while it is current, else a new one. */
    public synchronized StoredCrl current() throws TrustLineException {
        Optional<StoredCrl> latest = store.latestCrl(ca.fingerprint());
        Instant now = clock.instant();
        if (latest.isPresent() && !now.isBefore(latest.get().thisUpdate())
                && now.isBefore(latest.get().thisUpdate().plus(refresh))
                && latest.get().entries() == store.revokedCount(ca.fingerprint())) {
            return latest.get();
        }
        return publish();
    }

    /** Signs and stores a new CRL of every revoked certificate now. */
    public synchronized StoredCrl publish() throws TrustLineException {
        for (int attempt = 0; attempt < 5; attempt++) {
            long number = store.latestCrlNumber(ca.fingerprint()) + 1;
            Instant now = clock.instant();
            List<RevokedSerial> rows = store.revokedSerials(ca.fingerprint());
            List<RevokedCertificate> entries = new ArrayList<>(rows.size());
            for (RevokedSerial r : rows) {
                entries.add(RevokedCertificate.of(r.serialHex(), r.revokedAt(), RevocationReason.ofCode(r.reasonCode())));
            }
            byte[] der = crls.signEncoded(BigInteger.valueOf(number), now, now.plus(validity), entries);
            StoredCrl crl = new StoredCrl(ca.fingerprint(), number, now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    now.plus(validity).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), entries.size(), der);
            if (store.saveCrl(crl, now)) {
                return crl;
            }
        }
        throw new TrustLineException("cannot publish a device CRL: other signer instances keep taking the CRL number");
    }

    /** The DER OCSP response to a DER request. */
    public byte[] ocsp(byte[] request) throws TrustLineException {
        return ocsp.respond(request, clock.instant());
    }

    /** What the registry says of one serial (for OCSP and the device check). */
    public SerialStatus status(BigInteger serial) throws TrustLineException {
        Optional<RevokedRow> row = store.status(ca.fingerprint(), dev.trustline.core.x509.Serials.hex(serial));
        if (row.isEmpty()) {
            return SerialStatus.UNKNOWN;
        }
        RevokedRow r = row.get();
        return r.revokedAt() == null ? SerialStatus.GOOD
                : SerialStatus.revoked(r.revokedAt(), RevocationReason.ofCode(r.reasonCode()));
    }

    public IssuingCa ca() {
        return ca;
    }
}
