package dev.trustline.station.sim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.trustline.core.TrustLineException;
import dev.trustline.station.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated device's flash: what survives a reboot (device ID, hardware and firmware identity,
 * certificate slots, debug lock, the secure element's token label). Saved whole after every change.
 * Keys are not here: they live in the device's own SoftHSM2 token.
 */
public final class SimState {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** A certificate slot: the device certificate and its chain, PEM. */
    public static final class Slot {
        public String certificate;
        public List<String> chain = new ArrayList<>();
    }

    public String deviceId;
    public String hwRev;
    public String firmwareBuild;
    public String firmwareSha256;
    public String tokenLabel;
    public boolean debugLocked;
    public boolean keyGenerated;
    /** Bumped when the secure element "loses" its key (fault lose-key): the device key is then a new one. */
    public int keyGeneration;
    public long bootCount;
    public Map<String, Slot> slots = new LinkedHashMap<>();

    static SimState load(Path file) throws TrustLineException {
        try {
            return JSON.readValue(Files.readAllBytes(file), SimState.class);
        } catch (IOException e) {
            throw new TrustLineException("cannot read the simulator state " + file + ": " + e.getMessage(), e);
        }
    }

    void save(Path file) throws TrustLineException {
        try {
            AtomicFile.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this), "rw-------");
        } catch (IOException e) {
            throw new TrustLineException("cannot encode the simulator state: " + e.getMessage(), e);
        }
    }
}
