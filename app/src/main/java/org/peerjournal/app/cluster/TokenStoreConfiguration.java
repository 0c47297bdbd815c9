package org.peerjournal.app.cluster;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Processor tokens in the database, claimed under this node's own id. Every node's processors claim segments
 * from the same token table; a node that stops heartbeating loses its claims after the claim timeout.
 */
@Configuration
class TokenStoreConfiguration {

    @Bean
    NodeIdentity nodeIdentity(ClusterProperties cluster) {
        return new NodeIdentity(cluster.nodeId().isBlank() ? hostName() + "-" + UUID.randomUUID() : cluster.nodeId());
    }

    @Bean
    TokenStore tokenStore(EntityManagerProvider entityManagerProvider, @Qualifier("serializer") Serializer serializer,
            NodeIdentity node, ClusterProperties cluster) {
        return JpaTokenStore.builder()
                .entityManagerProvider(entityManagerProvider)
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
