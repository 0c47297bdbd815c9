package org.peerjournal.app.integrity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar peer-journal.jar verify --peerjournal.data-dir=DIR [--public-key=FILE]
 * [--checkpoint=FILE|--witness-file=FILE]}: the offline verifier. Plain JDBC, no Spring, no Axon, no web server;
 * it opens the store read-only. Exit 0: intact; 1: tampering found, one line per discrepancy; 2: could not verify.
 */
public final class VerifyCommand {

    public static final int INTACT = 0;
    public static final int TAMPERED = 1;
    public static final int CANNOT_VERIFY = 2;

    /** H2's page cache for the offline verifier, in KB. */
    private static final int PAGE_CACHE_KB = 1024;

    private VerifyCommand() {
    }

    public static void main(String[] args) {
        readEachValueOnce();
        System.exit(run(args, System.out, System.err));
    }

    /**
     * For a JVM that runs only the verifier, before it first loads H2: the verifier reads every value once, and H2's
     * object cache would hash each string and byte array it reads, to share equal ones, for nothing
     * (docs/benchmarks.md, "Integrity"). H2 reads the setting once, when loaded.
     */
    public static void readEachValueOnce() {
        System.setProperty("h2.objectCache", "false");
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        List<NoteVerifier> keys;
        List<SignedNote> checkpoints;
        try {
            options = options(args);
            keys = options.containsKey("public-key") ? List.of(publicKey(Path.of(options.get("public-key"))))
                    : List.of();
            checkpoints = new ArrayList<>();
            if (options.containsKey("checkpoint")) {
                checkpoints.addAll(notes(Path.of(options.get("checkpoint"))));
            }
            if (options.containsKey("witness-file")) {
                checkpoints.addAll(notes(Path.of(options.get("witness-file"))));
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            err.println("CANNOT VERIFY: " + e.getMessage());
            return CANNOT_VERIFY;
        }
        VerificationReport report;
        try (Connection connection = open(options); Connection second = openOnSameSnapshot(connection, options)) {
            report = StoreVerifier.verify(connection, second, keys, checkpoints);
        } catch (SQLException | IllegalArgumentException e) {
            err.println("CANNOT VERIFY: the store could not be read: " + e.getMessage());
            return CANNOT_VERIFY;
        }
        report.discrepancies().forEach(line -> out.println("TAMPERED " + line));
        report.notes().forEach(line -> out.println("NOTE " + line));
        out.printf("%s: %d events, tree of %d leaves, verified against a signed checkpoint up to %d%n",
                report.intact() ? "INTACT" : "TAMPERED", report.events(), report.treeSize(),
                report.verifiedTreeSize());
        return report.intact() ? INTACT : TAMPERED;
    }

    /** The store named by the same settings the service takes: the data directory, or a PostgreSQL datasource. */
    static Connection open(Map<String, String> options) throws SQLException {
        String url = options.get("spring.datasource.url");
        boolean postgres = "postgres".equals(options.get("spring.profiles.active"));
        if (url == null && postgres) {
            url = System.getenv().getOrDefault("PEERJOURNAL_DB_URL", "jdbc:postgresql://localhost:5432/peerjournal");
        }
        String user = options.getOrDefault("spring.datasource.username",
                postgres ? System.getenv().getOrDefault("PEERJOURNAL_DB_USER", "peerjournal") : "sa");
        String password = options.getOrDefault("spring.datasource.password",
                postgres ? System.getenv().getOrDefault("PEERJOURNAL_DB_PASSWORD", "") : "");
        if (url == null) {
            Path dataDir = Path.of(options.getOrDefault("peerjournal.data-dir", "./data")).toAbsolutePath();
            // Read-only, and never a new empty database where none is. A small page cache: the verifier reads
            // each page once, in streaming passes, and H2's default (64 MB per GB of heap) kept the pages it read
            // alive, so that every young collection copied them again (docs/benchmarks.md, "Integrity").
            url = "jdbc:h2:file:" + dataDir.resolve("peerjournal")
                    + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;LAZY_QUERY_EXECUTION=TRUE;CACHE_SIZE=" + PAGE_CACHE_KB;
        }
        Connection connection = DriverManager.getConnection(url, user, password);
        connection.setReadOnly(true);
        // One consistent snapshot while the service keeps appending (PostgreSQL).
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        return connection;
    }

    /**
     * On PostgreSQL, a second connection that reads exactly what the first reads (it imports the first one's
     * snapshot while the service may be appending), so the verifier reads on two threads. On H2, none (null): two
     * sessions reading one embedded store were slower than one, the database's own work being the larger part.
     */
    static Connection openOnSameSnapshot(Connection first, Map<String, String> options) throws SQLException {
        if (!"PostgreSQL".equals(first.getMetaData().getDatabaseProductName())) {
            return null;
        }
        Connection second = open(options);
        try (Statement export = first.createStatement();
                ResultSet snapshot = export.executeQuery("select pg_export_snapshot()");
                Statement use = second.createStatement()) {
            snapshot.next();
            use.execute("set transaction snapshot '" + snapshot.getString(1) + "'");
        } catch (SQLException e) {
            second.close();
            throw e;
        }
        return second;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Unknown argument " + arg + "; usage: verify"
                        + " --peerjournal.data-dir=DIR [--public-key=FILE] [--checkpoint=FILE|--witness-file=FILE]");
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    private static NoteVerifier publicKey(Path file) throws IOException, GeneralSecurityException {
        return NoteVerifier.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Signed notes one after the other, each followed by a blank line (the witness file's layout). */
    static List<SignedNote> notes(Path file) throws IOException {
        List<SignedNote> notes = new ArrayList<>();
        StringBuilder note = new StringBuilder();
        boolean inSignatures = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                if (inSignatures) {
                    notes.add(SignedNote.parse(note.toString()));
                    note.setLength(0);
                    inSignatures = false;
                    continue;
                }
                inSignatures = note.length() > 0;
            }
            note.append(line).append('\n');
        }
        if (inSignatures) {
            notes.add(SignedNote.parse(note.toString()));
        }
        if (notes.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no signed checkpoint");
        }
        return notes;
    }
}
