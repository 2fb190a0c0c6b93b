package dev.trustline.signer.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.signer.client.FactorySimulator;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The provenance fields of a batch line: firmware build, provisioning spec version, manufacturing time. */
class DeviceLineProvenanceTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode line() throws Exception {
        return (ObjectNode) JSON.readTree(FactorySimulator.batch("GW", 42, 1, "", "op").get(0));
    }

    @Test
    void parse_provenanceFields_areKept() throws Exception {
        ObjectNode o = line().put("firmware_build", "fw-2.4.1+b77").put("spec_version", "prov-3")
                .put("manufactured_at", "2026-12-04T10:15:00Z");
        DeviceLine d = DeviceLineParser.parse(1, o.toString());
        assertEquals("fw-2.4.1+b77", d.firmwareBuild());
        assertEquals("prov-3", d.specVersion());
        assertEquals(Instant.parse("2026-12-04T10:15:00Z"), d.manufacturedAt());
    }

    @Test
    void parse_noProvenance_isEmpty() throws Exception {
        DeviceLine d = DeviceLineParser.parse(1, line().toString());
        assertEquals("", d.firmwareBuild());
        assertEquals("", d.specVersion());
        assertEquals(null, d.manufacturedAt());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "manufactured_at | yesterday | field 'manufactured_at' must be a UTC time like 2026-12-04T10:15:00Z",
        "manufactured_at | 2026-12-04T10:15:00+01:00 | field 'manufactured_at' must be a UTC time like 2026-12-04T10:15:00Z"})
    void parse_badProvenance_isRefused(String field, String value, String message) throws Exception {
        ObjectNode o = line().put(field, value);
        LineRefused e = assertThrows(LineRefused.class, () -> DeviceLineParser.parse(1, o.toString()));
        assertEquals(message, e.getMessage());
    }
}
