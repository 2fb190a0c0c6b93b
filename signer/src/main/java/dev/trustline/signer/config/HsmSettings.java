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
        SignerConfig.Hsm hsm = SignerConfig.Hsm.from(raw.hsm(), file.toAbsolutePath().getParent(), p);
        p.throwIfAny();
        return new HsmSettings(hsm.module(), hsm.tokenLabel(), hsm.pin(), hsm.keyLabel(), file.toAbsolutePath().getParent(), hsm.quorum());
    }
}
