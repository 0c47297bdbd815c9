package org.peerjournal.app.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.peerjournal.app.integrity.Sha256;
import org.peerjournal.command.journal.PatientRefRegistry;
import org.peerjournal.query.audit.AccessAction;
import org.peerjournal.query.audit.AccessLog;
import org.peerjournal.shared.actor.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Backups of the embedded store taken while the service runs (docs/operations.md, "Backing up the embedded store"):
 * a zip of the store's file in {@code ${peerjournal.data-dir}/backups}, as the store stood at one commit. A copy of
 * the file made by hand while the service writes may hold pieces of different moments; this one is taken by H2 under
 * the lock that keeps compaction rounds and packs off the file. The zip is written under a name ending in
 * {@code .part} and renamed when complete, so a crash in the middle leaves no file that looks like a backup.
 *
 * <p>A backup is a copy of every patient's record: before the zip gets its name, every journal's access log records
 * that the operator copied it ({@code store-backup}). If that cannot be stored, there is no backup.
 */
@Component
@Conditional(EmbeddedStore.Configured.class)
public class EmbeddedStoreBackups {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreBackups.class);
    private static final String PART = ".part";
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final H2CommitsWrittenAtOnce store;
    private final AccessLog accessLog;
    private final PatientRefRegistry journals;
    private final Path directory;

    EmbeddedStoreBackups(H2CommitsWrittenAtOnce store, AccessLog accessLog, PatientRefRegistry journals,
            @Value("${peerjournal.data-dir}") Path dataDir, MeterRegistry registry) {
        this.store = store;
        this.accessLog = accessLog;
        this.journals = journals;
        this.directory = dataDir.resolve("backups");
        Gauge.builder("peerjournal.store.backup.last.timestamp", this, EmbeddedStoreBackups::newestBackupSeconds)
                .baseUnit("seconds")
                .description("When the newest backup in the backups directory was completed (0: none there)")
                .register(registry);
    }

    /** From the directory, not from memory: a restart does not forget the backups taken before it. */
    double newestBackupSeconds() {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (DirectoryStream<Path> backups = Files.newDirectoryStream(directory, "peerjournal-*.zip")) {
            long newest = 0;
            for (Path backup : backups) {
                newest = Math.max(newest, Files.getLastModifiedTime(backup).toMillis());
            }
            return newest / 1000.0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Takes a backup now, for {@code operator}; one at a time. A backup that fails leaves no file behind, and parts
     * a crash left behind are removed first.
     */
    public synchronized Backup take(Actor operator) throws IOException, SQLException {
        Instant takenAt = Instant.now();
        createOwnersOnly(directory);
        removeParts();
        Path backup = directory.resolve("peerjournal-" + NAME_TIME.format(takenAt) + ".zip");
        if (Files.exists(backup)) {
            // The clock went back: never put a new backup in an older one's place.
            throw new FileAlreadyExistsException(backup.toString());
        }
        Path part = directory.resolve(backup.getFileName() + PART);
        try {
            store.backUpTo(part);
            ownersOnly(part, "rw-------");
            // After the copy, so that a journal opened while it ran is named too (named, maybe, without being in it).
            accessLog.record(operator, AccessAction.STORE_BACKUP, journals.everyJournal());
            Files.move(part, backup, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        Backup taken = new Backup(backup.getFileName().toString(), Files.size(backup), sha256(backup), takenAt);
        log.info("Backed up the embedded store for {} to {} ({} bytes, SHA-256 {})", operator.userId(), backup,
                taken.bytes(), taken.sha256());
        return taken;
    }

    private void removeParts() throws IOException {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(directory, "*" + PART)) {
            for (Path part : parts) {
                Files.delete(part);
            }
        }
    }

    /** A backup holds every journal: only the account the service runs as may list, read or write them. */
    private static void createOwnersOnly(Path directory) throws IOException {
        Files.createDirectories(directory);
        ownersOnly(directory, "rwx------");
    }

    private static void ownersOnly(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A backup taken: its file's name in the backups directory, size, SHA-256 (hex) and when it was taken. */
    public record Backup(String file, long bytes, String sha256, Instant takenAt) {
    }
}
