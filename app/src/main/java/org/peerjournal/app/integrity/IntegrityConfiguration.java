package org.peerjournal.app.integrity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;

import javax.sql.DataSource;

/**
 * The signing key, the sealer and where checkpoints go. Without a configured key, the embedded store gets one
 * generated on first start into its own file beside the data (docs/integrity.md says why production keeps it
 * elsewhere); its public half is stored in the database and written next to it.
 */
@Configuration(proxyBeanMethods = false)
class IntegrityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(IntegrityConfiguration.class);

    @Bean
    SigningKey checkpointSigningKey(IntegrityProperties properties, JdbcTemplate jdbc,
            @Value("${peerjournal.data-dir}") Path dataDir) throws IOException, GeneralSecurityException {
        Path file = properties.signingKey();
        SigningKey key;
        if (file != null) {
            key = SigningKey.read(properties.origin(), file);
        } else {
            file = dataDir.resolve("checkpoint-signing-key.pem");
            key = Files.exists(file) ? SigningKey.read(properties.origin(), file) : generate(properties, file);
        }
        // Before its public key is listed: a node with the wrong key must leave no trace.
        new OneSigningKey(key.verifier(), properties.previousKeyId()).check(jdbc);
        String verifierKey = key.verifier().text();
        Integer known = jdbc.queryForObject("select count(*) from signing_public_key where verifier_key = ?",
                Integer.class, verifierKey);
        if (known == null || known == 0) {
            jdbc.update("insert into signing_public_key (key_name, key_id, verifier_key, created_at)"
                    + " values (?, ?, ?, ?)", key.name(), key.verifier().keyIdHex(), verifierKey,
                    new Timestamp(System.currentTimeMillis()));
        }
        return key;
    }

    private static SigningKey generate(IntegrityProperties properties, Path file)
            throws IOException, GeneralSecurityException {
        SigningKey key = SigningKey.generate(properties.origin(), file);
        Files.writeString(file.resolveSibling("checkpoint-signing-key.pub"), key.verifier().text() + "\n",
                StandardCharsets.US_ASCII);
        LOG.warn("Generated a checkpoint signing key into {}: keep a copy of its public key ({}) outside this"
                + " machine; in production configure peerjournal.integrity.signing-key", file, key.verifier().text());
        return key;
    }

    @Bean
    CheckpointPublisher checkpointPublisher(IntegrityProperties properties) {
        return new CheckpointPublisher(properties.witnessFile(), properties.witnessUrl());
    }

    @Bean
    StoreAudit storeAudit(DataSource dataSource, SigningKey key) {
        return new StoreAudit(dataSource, key.verifier(), Clock.systemUTC());
    }

    @Bean
    Sealer sealer(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, SigningKey key,
            IntegrityProperties properties, CheckpointPublisher publisher) {
        return new Sealer(jdbc, new TransactionTemplate(transactionManager), key, properties, publisher,
                Clock.systemUTC());
    }
}
