package dev.trustline.signer.store;

import java.time.Instant;

/** A published device CRL: its number, validity, how many entries it lists, and its DER bytes. */
public record StoredCrl(String issuerFingerprint, long number, Instant thisUpdate, Instant nextUpdate, long entries,
        byte[] der) {
    public StoredCrl {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }
}
