package org.peerjournal.app.support;

import org.peerjournal.PeerJournalApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The whole application started in-process on a data directory of the test's own, for tests that stop and start
 * it again. Settings are passed as command-line arguments: builder properties are only defaults, which
 * application.yml would override.
 */
public final class StandaloneApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private StandaloneApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static StandaloneApp start(Path dataDir, String... settings) {
        return start(dataDir, List.of(), settings);
    }

    /** With beans of the caller's besides the application's own (a benchmark's instruments). */
    public static StandaloneApp start(Path dataDir, List<Class<?>> extraBeans, String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--peerjournal.data-dir=" + dataDir));
        for (String setting : settings) {
            args.add("--" + setting);
        }
        // The witness file's default is beside the data directory (${data-dir}-witness), which JUnit's temporary
        // directories would leave behind in /tmp after every run: inside it, unless the test names one itself.
        if (Arrays.stream(settings).noneMatch(setting -> setting.startsWith("peerjournal.integrity.witness-file="))) {
            args.add("--peerjournal.integrity.witness-file=" + dataDir.resolve("witness").resolve("checkpoints.txt"));
        }
        // Tests and benchmarks write faster than any user: no rate limits unless the test sets some itself.
        if (Arrays.stream(settings).noneMatch(setting -> setting.startsWith("peerjournal.rate-limits."))) {
            args.add("--peerjournal.rate-limits.enabled=false");
        }
        return new StandaloneApp(new SpringApplicationBuilder(PeerJournalApplication.class)
                .sources(extraBeans.toArray(Class<?>[]::new))
                .run(args.toArray(String[]::new)));
    }

    public ApiClient client() {
        return ApiClient.anonymous(baseUrl());
    }

    public String baseUrl() {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** The actuator's own server, when started with {@code management.server.port}. */
    public ApiClient managementClient() {
        return ApiClient.anonymous("http://localhost:"
                + context.getEnvironment().getRequiredProperty("local.management.port"));
    }

    public JournalApi journals() {
        return new JournalApi(client());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    @Override
    public void close() {
        context.close();
    }
}
