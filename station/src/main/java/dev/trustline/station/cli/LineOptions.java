package dev.trustline.station.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.PinSource;
import dev.trustline.core.x509.Pem;
import dev.trustline.station.protocol.DeviceAddress;
import dev.trustline.station.provision.Settings;
import dev.trustline.station.signer.SignerClient;
import dev.trustline.station.signer.StationTls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import picocli.CommandLine.Option;

/** What every provisioning run on this station shares: signer, identity, policy, job records, timeouts. */
final class LineOptions {
    @Option(names = "--signer", required = true, paramLabel = "URL", description = "the signer, e.g. https://signer.factory:8443") URI signer;
    @Option(names = "--station-cert", required = true, paramLabel = "STATION.p12") Path stationCert;
    @Option(names = "--password", defaultValue = "env:TRUSTLINE_STATION_PASSWORD", paramLabel = "file:PATH|env:NAME",
            description = "the PKCS#12 password reference (default: ${DEFAULT-VALUE})") String password;
    @Option(names = "--trust", required = true, paramLabel = "PEM", description = "the root(s) that the signer and the device certificates chain to") Path trust;
    @Option(names = "--policy", required = true, paramLabel = "ID") String policy;
    @Option(names = "--operator", paramLabel = "NAME", description = "who runs the jig (default: the login name)") String operator;
    @Option(names = "--sku", defaultValue = "", paramLabel = "SKU") String sku;
    @Option(names = "--slot", defaultValue = "device-identity", paramLabel = "NAME", description = "the device's certificate slot (default: ${DEFAULT-VALUE})") String slot;
    @Option(names = "--jobs", defaultValue = "jobs", paramLabel = "DIR", description = "per-device job records and station.log (default: ${DEFAULT-VALUE})") Path jobs;
    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION", description = "per device command, e.g. 800ms or 10s (default: ${DEFAULT-VALUE})") String timeout;
    @Option(names = "--attempts", defaultValue = "6", hidden = true) int attempts;

    /** The station's signer client and name (from its certificate). */
    record Connection(SignerClient client, String station) {
    }

    Connection connect() throws TrustLineException {
        if (!"https".equals(signer.getScheme()) || signer.getHost() == null) {
            throw new TrustLineException("--signer " + signer + ": expected https://HOST:PORT");
        }
        char[] pw = new PinSource(password).read(Path.of("."));
        try {
            String station = StationTls.stationName(stationCert, pw);
            return new Connection(new SignerClient(signer, StationTls.context(stationCert, pw, Pem.certificates(trust)), attempts), station);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    Settings settings(String scannedId, String device, String station) throws TrustLineException {
        if (scannedId.isBlank() || scannedId.length() > 64) {
            throw new TrustLineException("--scanned-id must be 1 to 64 characters");
        }
        String op = operator != null ? operator : System.getProperty("user.name", "operator");
        return new Settings(scannedId, DeviceAddress.parse(device), signer, policy, station, op, sku, slot, jobs,
                duration(timeout), Pem.certificates(trust));
    }

    static Duration duration(String text) throws TrustLineException {
        try {
            if (text.endsWith("ms")) {
                return positive(Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2))), text);
            }
            String s = text.endsWith("s") ? text.substring(0, text.length() - 1) : text;
            return positive(Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000)), text);
        } catch (NumberFormatException e) {
            throw new TrustLineException("--timeout " + text + ": expected e.g. 800ms or 10s");
        }
    }

    private static Duration positive(Duration d, String text) throws TrustLineException {
        if (d.isNegative() || d.isZero()) {
            throw new TrustLineException("--timeout " + text + ": must be positive");
        }
        return d;
    }
}
