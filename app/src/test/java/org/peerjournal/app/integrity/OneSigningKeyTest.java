package org.peerjournal.app.integrity;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node signs only after checkpoints signed by its own key, or by the key it was told it replaces. */
class OneSigningKeyTest {

    @TempDir
    Path keys;

    private JdbcTemplate jdbc;
    private SigningKey nodeA;
    private SigningKey nodeB;

    @BeforeEach
    void database() throws Exception {
        jdbc = new JdbcTemplate(new SingleConnectionDataSource("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "", true));
        jdbc.execute("create table checkpoint (tree_size bigint primary key, signed_note varchar(4000))");
        nodeA = SigningKey.generate("peer-journal", keys.resolve("a.pem"));
        nodeB = SigningKey.generate("peer-journal", keys.resolve("b.pem"));
    }

    @Test
    void anyKeyMayStartOnADatabaseWithoutCheckpoints() {
        assertThatCode(() -> new OneSigningKey(nodeB.verifier(), null).check(jdbc)).doesNotThrowAnyException();
    }

    @Test
    void theKeyThatSignedTheLatestCheckpointMaySignOn() {
        signed(1, nodeA);

        assertThatCode(() -> new OneSigningKey(nodeA.verifier(), null).check(jdbc)).doesNotThrowAnyException();
    }

    @Test
    void anotherKeyIsRefusedNamingBothKeysAndHowToRotate() {
        signed(1, nodeB);
        signed(2, nodeA);

        assertThatThrownBy(() -> new OneSigningKey(nodeB.verifier(), null).check(jdbc))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tree size 2")
                .hasMessageContaining("signed by key peer-journal+" + nodeA.verifier().keyIdHex())
                .hasMessageContaining("this node's signing key is peer-journal+" + nodeB.verifier().keyIdHex())
                .hasMessageContaining("peerjournal.integrity.previous-key-id=" + nodeA.verifier().keyIdHex());
    }

    @Test
    void aRotationNamesTheKeyItReplaces() {
        signed(1, nodeA);

        assertThatCode(() -> new OneSigningKey(nodeB.verifier(), nodeA.verifier().keyIdHex()).check(jdbc))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new OneSigningKey(nodeB.verifier(), "0badc0de").check(jdbc))
                .isInstanceOf(IllegalStateException.class);
    }

    private void signed(long treeSize, SigningKey key) {
        jdbc.update("insert into checkpoint (tree_size, signed_note) values (?, ?)", treeSize,
                key.sign(new Checkpoint("peer-journal", treeSize, new byte[Sha256.LENGTH]).text()));
    }
}
