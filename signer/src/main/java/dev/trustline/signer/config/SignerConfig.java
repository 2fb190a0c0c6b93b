package dev.trustline.signer.config;

import dev.trustline.core.config.ConfigException;
import dev.trustline.core.config.Problems;
import dev.trustline.core.config.StrictYaml;
import dev.trustline.core.hsm.PinSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The validated signer configuration. Paths are resolved against the config file's folder; secrets
 * are references (file:PATH or env:NAME), never values. Everything is checked before the HSM opens.
 * {@code crl} (trust.crl, optional) is the root's CRL: the signer refuses to start if it revokes the intermediate.
 * {@code quorum} (hsm.quorum, instead of hsm.pin) is the roster of a sealed signer; {@code pin} is then null.
 */
public record SignerConfig(Path file, Path module, String tokenLabel, PinSource pin, String keyLabel,
                           Path root, Path intermediate, Path stationCa, List<Path> policies,
                           Path tlsKeyStore, PinSource tlsPassword, String host, int port,
                           Path sqlite, String postgresUrl, String postgresUser, PinSource postgresPassword,
                           long maxRequestBytes, int maxLines, int requestTimeoutSeconds, int workers,
                           LifecycleConfig lifecycle, OverloadConfig overload, Path stationCrl, Path crl, Path quorum,
                           LedgerConfig ledger) {

    public static SignerConfig load(Path file) throws ConfigException {
        SignerFile raw = StrictYaml.read(file, SignerFile.class);
        Problems p = new Problems(file.toString());
        Path base = file.toAbsolutePath().getParent();
        SignerFile.HsmConfig hsm = raw.hsm();
        boolean hsmOk = p.requirePresent(hsm, "hsm") && p.requirePresent(hsm.tokenLabel(), "hsm.token-label")
                & p.requirePresent(hsm.keyLabel(), "hsm.key-label") & hsmPin(hsm, base, p);
        SignerFile.TrustConfig trust = raw.trust();
        boolean trustOk = p.requirePresent(trust, "trust") && existing(trust.root(), "trust.root", base, p)
                & existing(trust.intermediate(), "trust.intermediate", base, p) & existing(trust.stationCa(), "trust.station-ca", base, p)
                & (trust.crl() == null || existing(trust.crl(), "trust.crl", base, p));
        List<Path> policies = policies(raw.policies(), base, p);
        SignerFile.TlsConfig tls = raw.tls();
        boolean tlsOk = p.requirePresent(tls, "tls") && existing(tls.keyStore(), "tls.key-store", base, p) & pin(tls.password(), "tls.password", p);
        Listen listen = listen(raw.listen(), p);
        Db db = database(raw.database(), base, p);
        Limits limits = limits(raw.limits(), p);
        LifecycleConfig lifecycle = LifecycleConfig.from(raw, base, p);
        OverloadConfig overload = OverloadConfig.from(raw.limits(), limits.workers, p);
        Path stationCrl = trust == null || trust.stationCrl() == null ? null
                : existing(trust.stationCrl(), "trust.station-crl", base, p) ? base.resolve(trust.stationCrl()) : null;
        LedgerConfig ledger = LedgerConfig.from(raw.ledger(), p);
        p.throwIfAny();
        return new SignerConfig(file, Path.of(hsm.module() == null ? "/usr/lib/softhsm/libsofthsm2.so" : hsm.module()),
                hsm.tokenLabel(), hsm.pin() == null ? null : new PinSource(hsm.pin()), hsm.keyLabel(), base.resolve(trust.root()),
                base.resolve(trust.intermediate()), base.resolve(trust.stationCa()), policies, base.resolve(tls.keyStore()),
                new PinSource(tls.password()), listen.host, listen.port, db.sqlite, db.url, db.user, db.password,
                limits.bytes, limits.lines, limits.seconds, limits.workers, lifecycle, overload, stationCrl,
                trust.crl() == null ? null : base.resolve(trust.crl()), hsm.quorum() == null ? null : base.resolve(hsm.quorum()),
                ledger);
    }

    private record Listen(String host, int port) {
    }

    private record Db(Path sqlite, String url, String user, PinSource password) {
    }

    private record Limits(long bytes, int lines, int seconds, int workers) {
    }

    /** Exactly one of hsm.pin (a file or environment reference) and hsm.quorum (the officers.json of a sealed signer). */
    private static boolean hsmPin(SignerFile.HsmConfig hsm, Path base, Problems p) {
        if ((hsm.pin() == null) == (hsm.quorum() == null)) {
            p.add("hsm", "give exactly one of pin: file:PATH (development) or quorum: officers.json (a sealed signer)");
            return false;
        }
        return hsm.pin() != null ? pin(hsm.pin(), "hsm.pin", p) : existing(hsm.quorum(), "hsm.quorum", base, p);
    }

    private static boolean pin(String ref, String path, Problems p) {
        return p.require(ref != null && PinSource.isValid(ref), path, "must be a reference file:PATH or env:NAME (never the secret itself)");
    }

    private static boolean existing(String name, String path, Path base, Problems p) {
        if (!p.requirePresent(name, path)) {
            return false;
        }
        return p.require(Files.isRegularFile(base.resolve(name)), path, base.resolve(name) + " does not exist");
    }

    private static List<Path> policies(List<String> names, Path base, Problems p) {
        List<Path> out = new ArrayList<>();
        if (names == null || names.isEmpty()) {
            p.add("policies", "must list at least one signed policy file");
            return out;
        }
        for (int i = 0; i < names.size(); i++) {
            String path = "policies[" + i + "]";
            if (existing(names.get(i), path, base, p)) {
                Path policy = base.resolve(names.get(i));
                p.require(Files.isRegularFile(Path.of(policy + ".p7s")), path, policy + ".p7s (its root signature) does not exist");
                out.add(policy);
            }
        }
        return out;
    }

    private static Listen listen(SignerFile.ListenConfig l, Problems p) {
        String host = l == null || l.host() == null ? "127.0.0.1" : l.host();
        int port = l == null || l.port() == null ? 8443 : l.port();
        p.require(port >= 0 && port <= 65535, "listen.port", "must be 0..65535 (0 picks a free port)");
        return new Listen(host, port);
    }

    private static Db database(SignerFile.DatabaseConfig d, Path base, Problems p) {
        if (d == null || (d.sqlite() == null) == (d.postgres() == null)) {
            p.add("database", "give exactly one of sqlite: FILE or postgres: {url, user, password}");
            return new Db(null, null, null, null);
        }
        if (d.sqlite() != null) {
            return new Db(base.resolve(d.sqlite()), null, null, null);
        }
        SignerFile.PostgresConfig pg = d.postgres();
        boolean ok = p.require(pg.url() != null && pg.url().startsWith("jdbc:postgresql://"), "database.postgres.url",
                "must be a jdbc:postgresql:// URL") & p.requirePresent(pg.user(), "database.postgres.user")
                & pin(pg.password(), "database.postgres.password", p);
        return ok ? new Db(null, pg.url(), pg.user(), new PinSource(pg.password())) : new Db(null, null, null, null);
    }

    private static Limits limits(SignerFile.LimitsConfig l, Problems p) {
        long bytes = l == null || l.maxRequestBytes() == null ? 16L << 20 : l.maxRequestBytes();
        int lines = l == null || l.maxLines() == null ? 5000 : l.maxLines();
        int seconds = l == null || l.requestTimeoutSeconds() == null ? 120 : l.requestTimeoutSeconds();
        int workers = l == null || l.workers() == null ? Math.max(2, Runtime.getRuntime().availableProcessors()) : l.workers();
        p.require(bytes >= 1024 && bytes <= (1L << 30), "limits.max-request-bytes", "must be between 1 KiB and 1 GiB");
        p.require(lines >= 1 && lines <= 100_000, "limits.max-lines", "must be between 1 and 100000");
        p.require(seconds >= 1 && seconds <= 3600, "limits.request-timeout-seconds", "must be between 1 and 3600");
        p.require(workers >= 1 && workers <= 64, "limits.workers", "must be between 1 and 64");
        return new Limits(bytes, lines, seconds, workers);
    }
}
