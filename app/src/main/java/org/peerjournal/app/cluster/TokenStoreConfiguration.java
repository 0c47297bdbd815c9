package org.peerjournal.app.cluster;

import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Processor tokens in the database, claimed under this node's own id. Every node's processors claim segments
 * from the same token table; a node that stops heartbeating loses its claims after the claim timeout.
 *
 * <p>Axon's JDBC token store rather than its JPA one: the same table and rows, but each batch's token update is one
 * prepared statement, where the JPA store had Hibernate translate its update query anew every time (in a profile
 * under load the JPA token store was 19 % of the projections' samples: Hibernate translating the query 7 %,
 * executing it 4 %; docs/benchmarks.md, "Write throughput over HTTP", session 16; ADR 0020). Its connection is the
 * one of the transaction the batch runs in, so the token still commits with the batch's rows.
 */
@Configuration
public class TokenStoreConfiguration {

    /** Axon's token table as the application's stores name it (Axon's JDBC default is TokenEntry). */
    public static final TokenSchema TOKEN_TABLE = TokenSchema.builder()
            .setTokenTable("token_entry")
            .setProcessorNameColumn("processor_name")
            .setTokenTypeColumn("token_type")
            .build();

    @Bean
    NodeIdentity nodeIdentity(ClusterProperties cluster) {
        return new NodeIdentity(cluster.nodeId().isBlank() ? hostName() + "-" + UUID.randomUUID() : cluster.nodeId());
    }

    @Bean
    TokenStore tokenStore(DataSource dataSource, @Qualifier("serializer") Serializer serializer, NodeIdentity node,
            ClusterProperties cluster) {
        return JdbcTokenStore.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .schema(TOKEN_TABLE)
                .serializer(serializer)
                .nodeId(node.id())
                .claimTimeout(cluster.claimTimeout())
                .build();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
