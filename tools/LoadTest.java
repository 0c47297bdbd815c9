import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Write throughput of a running Peer Journal over HTTP (issue #15, point 3), next to raw JDBC single-row commits on
 * an H2 file of the same kind (WRITE_DELAY=0) on the same disk, in the same run, so the ratio shows how much of the
 * machine's commit rate the service reaches.
 *
 * <pre>
 * # a started service (README: the first command), demo users on the embedded store
 * java -cp ~/.m2/repository/com/h2database/h2/2.4.240/h2-2.4.240.jar tools/LoadTest.java \
 *     http://localhost:8080 8 20 ./data
 * </pre>
 * Arguments: base URL, clients (8), seconds per round (20), a directory on the store's disk for the JDBC baseline's
 * scratch file (deleted afterwards), and optionally the service's process id (then each HTTP round also prints the
 * service's CPU time per note). All notes come from one user, so start the service with
 * {@code --peerjournal.rate-limits.enabled=false}: its per-user write limit (120 a minute) would otherwise answer
 * most of them 429. Rounds: 5 s HTTP warm-up, then HTTP and JDBC alternately, twice each. Each
 * client posts notes as anna (PSW, north, HTTP Basic) to one of 50 journals opened by david at the start, each
 * note with an {@code Idempotency-Key} of its own, as a client that retries safely sends it. Before and after each
 * HTTP round it prints every projection's lag (events stored and not yet projected, as olle the demo
 * administrator reads it from {@code GET /api/admin/projections}), so a round shows whether the projections kept up.
 *
 * <p>The production path, bearer JWTs instead of HTTP Basic: {@code java tools/LoadTest.java keys DIR} writes a key
 * pair for a stand-in identity provider to DIR and prints the settings that make the service trust it (start the
 * service with them, demo users still on for opening journals and reading the lags); then a sixth argument, the
 * private key's file, makes every note go as {@code load-psw} (PSW, north) with a token signed by that key.
 */
public class LoadTest {

    private static final int JOURNALS = 50;
    private static final Pattern JOURNAL_ID = Pattern.compile("\"journalId\"\\s*:\\s*\"([^\"]+)\"");

    private static final String ISSUER = "https://loadtest.invalid/issuer";
    private static final String AUDIENCE = "peer-journal";

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("keys")) {
            writeKeys(Path.of(args[1]));
            return;
        }
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Duration round = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 20);
        Path scratchDir = Path.of(args.length > 3 ? args[3] : ".");
        // The service's process id (same machine): each HTTP round then also reports the CPU the service spent per
        // note, a figure that other load on a shared machine distorts far less than notes per second.
        Long servicePid = args.length > 4 && !args[4].isBlank() ? Long.valueOf(args[4]) : null;
        String noteAuthorization = args.length > 5 ? "Bearer " + token(Path.of(args[5])) : basic("anna:anna-demo");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> journals = openJournals(http, base);

        System.out.printf(Locale.ROOT, "%d clients, %d s rounds, %d journals, %d cores%n", clients,
                round.toSeconds(), journals.size(), Runtime.getRuntime().availableProcessors());
        System.out.println("notes sent with " + noteAuthorization.substring(0, noteAuthorization.indexOf(' ')));
        run("HTTP warm-up", clients, Duration.ofSeconds(5),
                client -> noteWriter(http, base, journals, client, noteAuthorization));
        List<Result> httpRounds = new ArrayList<>();
        List<Result> jdbcRounds = new ArrayList<>();
        Path scratch = Files.createTempDirectory(scratchDir, "loadtest-jdbc-");
        String url = "jdbc:h2:file:" + scratch.toAbsolutePath().resolve("baseline") + ";WRITE_DELAY=0";
        try (Connection setup = DriverManager.getConnection(url, "sa", "");
                Statement statement = setup.createStatement()) {
            statement.execute("create table note (id uuid primary key, journal_id uuid, body varchar(2000))");
            for (int i = 0; i < 2; i++) {
                printLags(http, base, "before");
                long cpuBefore = cpuTicks(servicePid);
                Result notes = run("HTTP POST notes", clients, round, client -> noteWriter(http, base, journals,
                        client, noteAuthorization));
                if (servicePid != null) {
                    System.out.printf(Locale.ROOT, "%24s service CPU %.2f ms per note%n", "",
                            (cpuTicks(servicePid) - cpuBefore) * 10.0 / notes.count());
                }
                printLags(http, base, "after");
                httpRounds.add(notes);
                jdbcRounds.add(run("JDBC single-row commits", clients, round, client -> rowWriter(url)));
            }
            statement.execute("shutdown");
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
            }
        }
        double httpRate = httpRounds.stream().mapToDouble(Result::perSecond).average().orElse(0);
        double jdbcRate = jdbcRounds.stream().mapToDouble(Result::perSecond).average().orElse(0);
        System.out.printf(Locale.ROOT, "ratio HTTP notes/s to JDBC commits/s: %.3f (%.1f / %.1f)%n",
                httpRate / jdbcRate, httpRate, jdbcRate);
    }

    /** User plus system CPU time of a process, in Linux's clock ticks of 10 ms ({@code /proc/PID/stat}). */
    private static long cpuTicks(Long pid) throws Exception {
        if (pid == null) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static final Pattern LAG = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"[^}]*?\"lag\"\\s*:\\s*(-?\\d+)");

    /** Each projection's lag as the service reports it the moment the round ends (or before it begins). */
    private static void printLags(HttpClient http, String base, String when) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/admin/projections"))
                .header("Authorization", basic("olle:olle-demo")).GET().build(), HttpResponse.BodyHandlers.ofString());
        StringBuilder lags = new StringBuilder();
        Matcher lag = LAG.matcher(answer.body());
        while (lag.find()) {
            lags.append(' ').append(lag.group(1)).append('=').append(lag.group(2));
        }
        System.out.printf(Locale.ROOT, "%24s projection lag %s the round:%s%n", "", when,
                answer.statusCode() == 200 ? lags : " answered " + answer.statusCode());
    }

    private static List<String> openJournals(HttpClient http, String base) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOURNALS; i++) {
            String body = "{\"patientRef\":\"LOAD-" + UUID.randomUUID() + "\",\"displayName\":\"Load " + i
                    + "\",\"teamId\":\"north\"}";
            HttpResponse<String> answer = http.send(post(base + "/api/journals", "david:david-demo", body),
                    HttpResponse.BodyHandlers.ofString());
            Matcher id = JOURNAL_ID.matcher(answer.body());
            if (answer.statusCode() != 201 || !id.find()) {
                throw new IllegalStateException("Could not open a journal: " + answer.statusCode() + " "
                        + answer.body());
            }
            ids.add(id.group(1));
        }
        return ids;
    }

    private static Writer noteWriter(HttpClient http, String base, List<String> journals, int client,
            String authorization) {
        Random random = new Random(client);
        return () -> {
            String journal = journals.get(random.nextInt(journals.size()));
            String body = "{\"contactType\":\"INDIVIDUAL_CONVERSATION\",\"occurredAt\":\""
                    + Instant.now().minusSeconds(3600) + "\",\"durationMinutes\":30,"
                    + "\"text\":\"Load test note: talked about the week ahead and the appointment on Thursday.\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/journals/" + journal + "/notes"))
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
            return String.valueOf(answer.statusCode());
        };
    }

    private static Writer rowWriter(String url) throws Exception {
        Connection connection = DriverManager.getConnection(url, "sa", "");
        connection.setAutoCommit(false);
        PreparedStatement insert = connection.prepareStatement("insert into note values (?, ?, ?)");
        UUID journal = UUID.randomUUID();
        return () -> {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, journal);
            insert.setString(3, "Load test note: talked about the week ahead and the appointment on Thursday.");
            insert.executeUpdate();
            connection.commit();
            return "201";
        };
    }

    private static HttpRequest post(String url, String credentials, String json) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", basic(credentials))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    /** A stand-in identity provider's key pair, and the settings that make the service trust its tokens. */
    private static void writeKeys(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Files.createDirectories(dir);
        Path publicKey = dir.resolve("loadtest-jwt-public.pem").toAbsolutePath();
        Files.writeString(publicKey, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
        Files.writeString(dir.resolve("loadtest-jwt-private.pem"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        System.out.println("--peerjournal.security.jwt.enabled=true --peerjournal.security.jwt.issuer=" + ISSUER
                + " --peerjournal.security.jwt.audience=" + AUDIENCE
                + " --spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** An RS256 token for load-psw (PSW, north), valid for an hour, signed with the private key in the file. */
    private static String token(Path privateKeyFile) throws Exception {
        String pem = Files.readString(privateKeyFile).replaceAll("-----[A-Z ]+-----|\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"sub\":\"load-psw\",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE
                + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600)
                + ",\"peerjournal_role\":\"PSW\",\"peerjournal_team\":\"north\"}";
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String signed = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + url.encodeToString(signature.sign());
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static Result run(String what, int clients, Duration duration, WriterFactory factory) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<Client>> tasks = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Writer writer = factory.create(i);
                tasks.add(() -> {
                    Client mine = new Client();
                    long end = System.nanoTime() + duration.toNanos();
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        String outcome = writer.write();
                        mine.outcomes.merge(outcome, 1, Integer::sum);
                        if ("201".equals(outcome)) {
                            mine.add(System.nanoTime() - start);
                        }
                    }
                    return mine;
                });
            }
            long start = System.nanoTime();
            List<Future<Client>> futures = pool.invokeAll(tasks);
            double seconds = (System.nanoTime() - start) / 1e9;
            Client all = new Client();
            for (Future<Client> future : futures) {
                all.merge(future.get());
            }
            long[] sorted = Arrays.copyOf(all.nanos, all.size);
            Arrays.sort(sorted);
            Result result = new Result(all.size / seconds, all.size);
            System.out.printf(Locale.ROOT, "%-24s %7d ok %9.1f /s   p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  %s%n",
                    what, all.size, result.perSecond(), percentile(sorted, 50), percentile(sorted, 99),
                    percentile(sorted, 100), all.outcomes);
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }

    private interface Writer {
        String write() throws Exception;
    }

    private interface WriterFactory {
        Writer create(int client) throws Exception;
    }

    private record Result(double perSecond, int count) {
    }

    private static final class Client {
        final Map<String, Integer> outcomes = new TreeMap<>();
        long[] nanos = new long[1024];
        int size;

        void add(long value) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = value;
        }

        void merge(Client other) {
            for (int i = 0; i < other.size; i++) {
                add(other.nanos[i]);
            }
            other.outcomes.forEach((key, count) -> outcomes.merge(key, count, Integer::sum));
        }
    }
}
