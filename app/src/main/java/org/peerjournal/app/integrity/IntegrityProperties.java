package org.peerjournal.app.integrity;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the Merkle tree's sealer and its signed checkpoints (docs/integrity.md).
 *
 * @param origin the log's name: the first line of every checkpoint and the signing key's name
 * @param signingKey PKCS#8 PEM file of the Ed25519 signing key; kept outside the database
 * @param witnessFile every signed checkpoint is appended here, outside the data directory
 * @param witnessUrl when set, every signed checkpoint is also POSTed here as {@code text/plain}
 * @param sealInterval how often the sealer extends the tree
 * @param checkpointInterval the least time between two checkpoints (one is signed only when the tree grew)
 * @param gapTimeout how long the sealer waits at a global index not yet committed before sealing past it (an event
 *     committing later is still sealed, at the end of the tree)
 * @param previousKeyId when rotating the signing key: the hex key id of the key it replaces, whose checkpoints
 *     this node then signs after (else a node refuses a database whose latest checkpoint another key signed)
 */
@ConfigurationProperties("peerjournal.integrity")
public record IntegrityProperties(String origin, Path signingKey, Path witnessFile, URI witnessUrl,
        Duration sealInterval, Duration checkpointInterval, Duration gapTimeout, String previousKeyId) {
}
