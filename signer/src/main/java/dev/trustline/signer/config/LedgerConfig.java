package dev.trustline.signer.config;

import dev.trustline.core.config.Problems;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The {@code ledger} section of signer.yaml, validated: a signed checkpoint after every
 * {@code checkpoint-every-entries} entries (default 10000) or {@code checkpoint-every-seconds}
 * (default 300) if the ledger grew, and at shutdown; {@code signer-name} names this instance in
 * each checkpoint (default: the host name).
 */
public record LedgerConfig(int everyEntries, Duration every, String signerName) {

    static LedgerConfig from(SignerFile.LedgerSection l, Problems p) {
        int entries = l == null || l.checkpointEveryEntries() == null ? 10_000
                : l.checkpointEveryEntries();
        int seconds = l == null || l.checkpointEverySeconds() == null ? 300
                : l.checkpointEverySeconds();
        String name = l == null || l.signerName() == null ? hostName() : l.signerName();
        p.require(entries >= 1 && entries <= 10_000_000, "ledger.checkpoint-every-entries",
                "must be between 1 and 10000000");
        p.require(seconds >= 1 && seconds <= 86_400, "ledger.checkpoint-every-seconds",
                "must be between 1 and 86400");
        p.require(!name.isBlank() && name.length() <= 200, "ledger.signer-name",
                "must be 1 to 200 characters");
        return new LedgerConfig(entries, Duration.ofSeconds(seconds), name);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "signer";
        }
    }
}
