package org.peerjournal.app.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded store's backups as an operator takes and restores them (docs/operations.md). */
public final class StoreBackups {

    private StoreBackups() {
    }

    /** {@code POST /api/admin/store/backups} as the administrator; answers the backup's description. */
    public static JsonNode take(ApiClient anyClient) {
        ApiResponse answer = anyClient.as("olle").post("/api/admin/store/backups", Map.of());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.body();
    }

    /** The zip a backup answer names, in the data directory's backups. */
    public static Path zipOf(Path dataDir, JsonNode backup) {
        return dataDir.resolve("backups").resolve(backup.get("file").asText());
    }

    /** Unzips the backup into {@code dataDir}, over what is there; answers the names of the files it held. */
    public static List<String> restore(Path zip, Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                names.add(entry.getName());
                Files.copy(entries, dataDir.resolve(Path.of(entry.getName()).getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return names;
    }
}
