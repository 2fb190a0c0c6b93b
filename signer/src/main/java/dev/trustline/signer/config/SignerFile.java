package dev.trustline.signer.config;

import java.util.List;

/** The raw signer.yaml (kebab-case), before validation by {@link SignerConfig#load}. */
public record SignerFile(HsmConfig hsm, TrustConfig trust, List<String> policies, TlsConfig tls, ListenConfig listen,
                         AdminConfig admin, DatabaseConfig database, LimitsConfig limits, LogConfig log) {

    public record HsmConfig(String module, String tokenLabel, String pin, String keyLabel) {
    }

    public record TrustConfig(String root, String intermediate, String stationCa) {
    }

    public record TlsConfig(String keyStore, String password) {
    }

    public record ListenConfig(String host, Integer port, Integer stopTimeoutSeconds) {
    }

    /** The operations listener (plain HTTP: /metrics, /healthz, /readyz). */
    public record AdminConfig(String host, Integer port) {
    }

    public record DatabaseConfig(String sqlite, PostgresConfig postgres) {
    }

    public record PostgresConfig(String url, String user, String password) {
    }

    public record LimitsConfig(Long maxRequestBytes, Integer maxLines, Integer requestTimeoutSeconds, Integer workers) {
    }

    public record LogConfig(String format) {
    }
}
