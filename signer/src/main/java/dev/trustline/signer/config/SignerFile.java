package dev.trustline.signer.config;

import java.util.List;

/** The raw signer.yaml (kebab-case), before validation by {@link SignerConfig#load}. */
public record SignerFile(HsmConfig hsm, TrustConfig trust, List<String> policies, TlsConfig tls, ListenConfig listen,
                         DatabaseConfig database, LimitsConfig limits, AccessConfig access,
                         RevocationConfig revocation, DeviceCheckConfig deviceCheck, LedgerSection ledger) {

    /** Ledger checkpoints: how often (entries, seconds) and the signer instance's name in them. */
    public record LedgerSection(Integer checkpointEveryEntries, Integer checkpointEverySeconds,
                                String signerName) {
    }

    public record HsmConfig(String module, String tokenLabel, String pin, String keyLabel, String quorum) {
    }

    public record TrustConfig(String root, String intermediate, String stationCa, String stationCrl, String crl) {
    }

    public record TlsConfig(String keyStore, String password) {
    }

    public record ListenConfig(String host, Integer port) {
    }

    public record DatabaseConfig(String sqlite, PostgresConfig postgres) {
    }

    public record PostgresConfig(String url, String user, String password) {
    }

    /** Client roles: a backend CA and/or backend CNs from the station CA, and which role may do what. */
    public record AccessConfig(String backendCa, java.util.List<String> backendClients,
                               java.util.Map<String, java.util.List<String>> roles) {
    }

    /** Device CRL and OCSP: their validity, the CRL schedule, and the public (no client auth) HTTP listener. */
    public record RevocationConfig(Integer crlValidityHours, Integer crlRefreshMinutes, Integer ocspValidityMinutes,
                                   ListenConfig publicListen) {
    }

    /** The backend's device check: which lifecycle states get the verdict allow. */
    public record DeviceCheckConfig(java.util.List<String> allowStates) {
    }

    public record LimitsConfig(Long maxRequestBytes, Integer maxLines, Integer requestTimeoutSeconds, Integer workers,
                               Integer maxConcurrentBatches, Integer maxConcurrentPerStation, Long minRequestBytesPerSecond,
                               Integer bodyIdleTimeoutSeconds) {
    }
}
