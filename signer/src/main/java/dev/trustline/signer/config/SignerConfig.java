package dev.trustline.signer.config;

import dev.trustline.core.config.ConfigException;
import dev.trustline.core.config.Problems;
import dev.trustline.core.config.StrictYaml;
import dev.trustline.core.hsm.PinSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The validated signer configuration, one typed section per part of signer.yaml. Paths are resolved
 * against the config file's folder; secrets are references (file:PATH or env:NAME), never values.
 * Everything is checked, and every problem reported with its YAML path, before the HSM opens.
 * {@code trust.crl} (optional) is the root's CRL: the signer refuses to start if it revokes the intermediate.
 * {@code hsm.quorum} (instead of hsm.pin) is the roster of a sealed signer; {@code hsm().pin()} is then null.
 * {@code ledger} sets the signed checkpoints' interval and the signer's name in them.
 */
public record SignerConfig(Path file, Hsm hsm, Trust trust, List<Path> policies, Tls tls, Listen listen, Admin admin,
                           Database database, Limits limits, LogFormat logFormat, LifecycleConfig lifecycle,
                           OverloadConfig overload, LedgerConfig ledger) {

    /**
     * The PKCS#11 module (required: there is no silent default), token, PIN reference and key label.
     * Exactly one of {@code pin} and {@code quorum} (the officers.json of a sealed signer) is set; the other is null.
     */
    public record Hsm(Path module, String tokenLabel, PinSource pin, String keyLabel, Path quorum) {
        static Hsm from(SignerFile.HsmConfig h, Path base, Problems p) {
            if (!p.requirePresent(h, "hsm")) {
                return null;
            }
            boolean ok = p.require(h.module() != null && !h.module().isBlank(), "hsm.module",
                    "is required: the PKCS#11 module's path (SoftHSM2: /usr/lib/softhsm/libsofthsm2.so; others: runbooks/hsm.md)")
                    & p.requirePresent(h.tokenLabel(), "hsm.token-label") & p.requirePresent(h.keyLabel(), "hsm.key-label")
                    & hsmPin(h, base, p);
            return ok ? new Hsm(Path.of(h.module()), h.tokenLabel(), h.pin() == null ? null : new PinSource(h.pin()), h.keyLabel(),
                    h.quorum() == null ? null : base.resolve(h.quorum())) : null;
        }
    }

    /**
     * The trust anchor, the issuing intermediate, the station CA and (optional, null) its CRL of revoked stations,
     * and (optional, null) the root's CRL: the signer refuses to start if it revokes the intermediate.
     */
    public record Trust(Path root, Path intermediate, Path stationCa, Path stationCrl, Path crl) {
    }

    public record Tls(Path keyStore, PinSource password) {
    }

    /** The mTLS API listener; {@code stopTimeoutSeconds} bounds how long a stop waits for requests in flight. */
    public record Listen(String host, int port, int stopTimeoutSeconds) {
    }

    /** The plain-HTTP operations listener (127.0.0.1 unless configured otherwise). */
    public record Admin(String host, int port) {
    }

    /** Exactly one of a SQLite file or a PostgreSQL URL, user and password reference. */
    public record Database(Path sqlite, String postgresUrl, String postgresUser, PinSource postgresPassword) {
    }

    public record Limits(long maxRequestBytes, int maxLines, int requestTimeoutSeconds, int workers) {
    }

    public enum LogFormat {
        TEXT, JSON;

        /** "text" or "json"; null when it is neither. */
        public static LogFormat parse(String s) {
            for (LogFormat f : values()) {
                if (f.name().toLowerCase(Locale.ROOT).equals(s)) {
                    return f;
                }
            }
            return null;
        }
    }

    public static SignerConfig load(Path file) throws ConfigException {
        SignerFile raw = StrictYaml.read(file, SignerFile.class);
        Problems p = new Problems(file.toString());
        Path base = file.toAbsolutePath().getParent();
        Hsm hsm = Hsm.from(raw.hsm(), base, p);
        Trust trust = trust(raw.trust(), base, p);
        List<Path> policies = policies(raw.policies(), base, p);
        Tls tls = tls(raw.tls(), base, p);
        Listen listen = listen(raw.listen(), p);
        Admin admin = admin(raw.admin(), p);
        Database db = database(raw.database(), base, p);
        Limits limits = limits(raw.limits(), p);
        LogFormat log = raw.log() == null || raw.log().format() == null ? LogFormat.TEXT : LogFormat.parse(raw.log().format());
        p.require(log != null, "log.format", "must be text or json");
        LifecycleConfig lifecycle = LifecycleConfig.from(raw, base, p);
        OverloadConfig overload = OverloadConfig.from(raw.limits(), limits.workers(), p);
        LedgerConfig ledger = LedgerConfig.from(raw.ledger(), p);
        p.throwIfAny();
        return new SignerConfig(file, hsm, trust, policies, tls, listen, admin, db, limits, log, lifecycle, overload,
                ledger);
    }

    /** The folder relative paths and file: references are resolved against. */
    public Path baseDir() {
        return file.toAbsolutePath().getParent();
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

    private static Trust trust(SignerFile.TrustConfig t, Path base, Problems p) {
        boolean ok = p.requirePresent(t, "trust") && existing(t.root(), "trust.root", base, p)
                & existing(t.intermediate(), "trust.intermediate", base, p) & existing(t.stationCa(), "trust.station-ca", base, p)
                & (t.stationCrl() == null || existing(t.stationCrl(), "trust.station-crl", base, p))
                & (t.crl() == null || existing(t.crl(), "trust.crl", base, p));
        return ok ? new Trust(base.resolve(t.root()), base.resolve(t.intermediate()), base.resolve(t.stationCa()),
                t.stationCrl() == null ? null : base.resolve(t.stationCrl()), t.crl() == null ? null : base.resolve(t.crl())) : null;
    }

    private static Tls tls(SignerFile.TlsConfig t, Path base, Problems p) {
        boolean ok = p.requirePresent(t, "tls") && existing(t.keyStore(), "tls.key-store", base, p) & pin(t.password(), "tls.password", p);
        return ok ? new Tls(base.resolve(t.keyStore()), new PinSource(t.password())) : null;
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
        return List.copyOf(out);
    }

    private static Listen listen(SignerFile.ApiListenConfig l, Problems p) {
        String host = l == null || l.host() == null ? "127.0.0.1" : l.host();
        int port = l == null || l.port() == null ? 8443 : l.port();
        int stop = l == null || l.stopTimeoutSeconds() == null ? 30 : l.stopTimeoutSeconds();
        p.require(port >= 0 && port <= 65535, "listen.port", "must be 0..65535 (0 picks a free port)");
        p.require(stop >= 1 && stop <= 3600, "listen.stop-timeout-seconds", "must be between 1 and 3600");
        return new Listen(host, port, stop);
    }

    private static Admin admin(SignerFile.AdminConfig a, Problems p) {
        String host = a == null || a.host() == null ? "127.0.0.1" : a.host();
        int port = a == null || a.port() == null ? 9464 : a.port();
        p.require(port >= 0 && port <= 65535, "admin.port", "must be 0..65535 (0 picks a free port)");
        return new Admin(host, port);
    }

    private static Database database(SignerFile.DatabaseConfig d, Path base, Problems p) {
        if (d == null || (d.sqlite() == null) == (d.postgres() == null)) {
            p.add("database", "give exactly one of sqlite: FILE or postgres: {url, user, password}");
            return null;
        }
        if (d.sqlite() != null) {
            return new Database(base.resolve(d.sqlite()), null, null, null);
        }
        SignerFile.PostgresConfig pg = d.postgres();
        boolean ok = p.require(pg.url() != null && pg.url().startsWith("jdbc:postgresql://"), "database.postgres.url",
                "must be a jdbc:postgresql:// URL") & p.requirePresent(pg.user(), "database.postgres.user")
                & pin(pg.password(), "database.postgres.password", p);
        return ok ? new Database(null, pg.url(), pg.user(), new PinSource(pg.password())) : null;
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
