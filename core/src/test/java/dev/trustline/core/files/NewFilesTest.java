package dev.trustline.core.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trustline.core.TrustLineException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NewFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "durable={0}, {1}")
    @CsvSource({"true, rw-r--r--", "false, rw-r--r--", "true, rw-------", "false, rw-------"})
    void writeNew_newFile_hasTheBytesAndExactlyThePermissions(boolean durable, String permissions) throws Exception {
        Path target = dir.resolve("sub").resolve("GW0000000018.crt");
        NewFiles.writeNew(target, "certificate".getBytes(StandardCharsets.US_ASCII), permissions, "file", durable);
        assertEquals("certificate", Files.readString(target));
        assertEquals(permissions, PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        try (var left = Files.list(target.getParent())) {
            assertEquals(1, left.count(), "no temporary file is left beside it");
        }
    }

    @org.junit.jupiter.api.Test
    void writeNew_manyFilesInPlace_eachHasExactlyItsPermissions() throws Exception {
        // the mode is given to open(2) and checked once per directory; alternating modes must not share that check
        for (int i = 0; i < 40; i++) {
            String permissions = i % 2 == 0 ? NewFiles.PUBLIC : NewFiles.SECRET;
            Path target = dir.resolve("device-" + i + ".crt");
            NewFiles.writeNew(target, new byte[] {(byte) i}, permissions, "file", false);
            assertEquals(permissions, PosixFilePermissions.toString(Files.getPosixFilePermissions(target)), target.toString());
        }
    }

    @ParameterizedTest(name = "durable={0}")
    @CsvSource({"true", "false"})
    void writeNew_existingFile_isRefusedAndKept(boolean durable) throws Exception {
        Path target = dir.resolve("manifest.jsonl");
        Files.writeString(target, "earlier");
        TrustLineException e = assertThrows(TrustLineException.class,
                () -> NewFiles.writeNew(target, new byte[] {1}, "rw-r--r--", "file", durable));
        assertEquals("file " + target + " already exists: refusing to overwrite it", e.getMessage());
        assertArrayEquals("earlier".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(target));
    }
}
