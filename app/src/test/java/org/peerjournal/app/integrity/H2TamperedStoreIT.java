package org.peerjournal.app.integrity;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.BuildDirectories;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tamper cases on the embedded H2 store: the data directory of a stopped service, copied per case. */
class H2TamperedStoreIT extends TamperedStoreVerification {

    private static Seed seed;

    @BeforeAll
    static void seedTheStore() throws Exception {
        Path root = BuildDirectories.newDirectory("peerjournal-tamper-h2-");
        seed = seedStore(root.resolve("data"), root.resolve("witness").resolve("checkpoints.txt"),
                (client, user, role) -> client.as(user));
    }

    @Override
    protected Seed seed() {
        return seed;
    }

    @Override
    protected StoreCopy freshCopy() throws Exception {
        Path copy = Files.createTempDirectory(scratch, "data-");
        Files.copy(seed.dataDir().resolve("peerjournal.mv.db"), copy.resolve("peerjournal.mv.db"));
        Connection owner = DriverManager.getConnection("jdbc:h2:file:" + copy.resolve("peerjournal"), "sa", "");
        return new StoreCopy(owner) {
            @Override
            void allowRewrites() throws SQLException {
                List<String> triggers = new ArrayList<>();
                try (Statement statement = owner.createStatement();
                        ResultSet trigger = statement.executeQuery("select trigger_name from"
                                + " information_schema.triggers where trigger_name like '%REFUSE%'")) {
                    while (trigger.next()) {
                        triggers.add(trigger.getString(1));
                    }
                }
                try (Statement statement = owner.createStatement()) {
                    for (String trigger : triggers) {
                        statement.execute("drop trigger " + trigger);
                    }
                }
            }

            @Override
            List<String> storeArguments() {
                return List.of("--peerjournal.data-dir=" + copy);
            }
        };
    }

    @Test
    void aDataDirectoryWithoutAStoreCannotBeVerified() {
        VerifyProcess result = VerifyProcess.run(List.of("--peerjournal.data-dir=" + scratch.resolve("none")));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(VerifyCommand.CANNOT_VERIFY);
        assertThat(scratch.resolve("none").resolve("peerjournal.mv.db")).doesNotExist();
    }
}
