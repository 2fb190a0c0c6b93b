package dev.trustline.core.hsm;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;

/** Test access to the project-local SoftHSM2 set up by softhsm/setup (bin/test runs it first). */
public final class SoftHsm {
    public static final Path MODULE = Path.of(System.getenv().getOrDefault("TRUSTLINE_PKCS11_MODULE",
            "/usr/lib/softhsm/libsofthsm2.so"));

    private SoftHsm() {
    }

    /** Fails clearly when SoftHSM2 or its project-local configuration is missing. */
    public static Path module() {
        String conf = System.getenv("SOFTHSM2_CONF");
        Assertions.assertTrue(conf != null && Files.isRegularFile(Path.of(conf)),
                "SOFTHSM2_CONF must point at the project-local configuration: run softhsm/setup (bin/test does)");
        Assertions.assertTrue(Files.isRegularFile(MODULE), "SoftHSM2 module missing at " + MODULE + ": run softhsm/setup");
        return MODULE;
    }
}
