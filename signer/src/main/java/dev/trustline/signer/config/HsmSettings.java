package dev.trustline.signer.config;

import dev.trustline.core.config.ConfigException;
import dev.trustline.core.config.Problems;
import dev.trustline.core.config.StrictYaml;
import dev.trustline.core.hsm.PinSource;
import java.nio.file.Path;

/**
 * Only the hsm section of signer.yaml, for commands that run before the ceremony has produced the
 * trust files (token init, keygen). The whole file is still parsed strictly. {@code quorum} (instead of
 * {@code pin}) is the officers.json of a token under officer quorum; {@code pin} is then null.
 */
public record HsmSettings(Path module, String tokenLabel, PinSource pin, String keyLabel, Path baseDir, Path quorum) {

    public static HsmSettings load(Path file) throws ConfigException {
        SignerFile raw = StrictYaml.read(file, SignerFile.class);
        Problems p = new Problems(file.toString());
        SignerFile.HsmConfig hsm = raw.hsm();
        if (p.requirePresent(hsm, "hsm")) {
            p.requirePresent(hsm.tokenLabel(), "hsm.token-label");
            p.requirePresent(hsm.keyLabel(), "hsm.key-label");
            if (hsm.quorum() == null) {
                p.require(hsm.pin() != null && PinSource.isValid(hsm.pin()), "hsm.pin", "must be a reference file:PATH or env:NAME");
            } else {
                p.require(hsm.pin() == null, "hsm", "give exactly one of pin: file:PATH (development) or quorum: officers.json (a sealed signer)");
            }
        }
        p.throwIfAny();
        return new HsmSettings(Path.of(hsm.module() == null ? "/usr/lib/softhsm/libsofthsm2.so" : hsm.module()),
                hsm.tokenLabel(), hsm.pin() == null ? null : new PinSource(hsm.pin()), hsm.keyLabel(), file.toAbsolutePath().getParent(),
                hsm.quorum() == null ? null : file.toAbsolutePath().getParent().resolve(hsm.quorum()));
    }
}
