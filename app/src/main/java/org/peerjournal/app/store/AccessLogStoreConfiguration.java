package org.peerjournal.app.store;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.peerjournal.app.cluster.ClusterProperties;
import org.peerjournal.app.cluster.NodeIdentity;
import org.peerjournal.app.cluster.TokenStoreConfiguration;
import org.peerjournal.query.audit.AccessLogProjection;
import org.peerjournal.query.operations.Projections;
import org.peerjournal.query.projection.ProjectionTables;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Where the access log's read model lives (ADR 0019): on the embedded H2 store in a file of its own
 * ({@link AccessLogFile}), its processor's tokens and transactions with it; on PostgreSQL in the application's
 * database like every other read model.
 */
@Configuration(proxyBeanMethods = false)
class AccessLogStoreConfiguration {

    @Bean(AccessLogProjection.TABLES)
    @Conditional(EmbeddedStore.NotConfigured.class)
    ProjectionTables accessLogWithTheOtherReadModels(ProjectionTables tables) {
        return tables;
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(EmbeddedStore.Configured.class)
    static class InAFileOfItsOwn {

        @Bean(destroyMethod = "close")
        AccessLogFile accessLogFile(@Value("${peerjournal.access-log.h2-url}") String url,
                @Value("${spring.flyway.user}") String administrator,
                @Value("${spring.flyway.password}") String administratorPassword,
                @Value("${spring.datasource.username}") String application,
                @Value("${spring.datasource.password}") String applicationPassword) throws Exception {
            return new AccessLogFile(url, new AccessLogFile.Account(administrator, administratorPassword),
                    new AccessLogFile.Account(application, applicationPassword));
        }

        @Bean(AccessLogProjection.TABLES)
        ProjectionTables accessLogTables(AccessLogFile file) {
            return file.tables();
        }

        /** A file built further than the store holds events (a restored store) is built again before it is used. */
        @Bean
        AccessLogFileAheadOfItsStore accessLogFileAheadOfItsStore(Projections projections,
                AccessLogProjection accessLog) {
            return new AccessLogFileAheadOfItsStore(projections, accessLog);
        }

        /** The access-log processor keeps its tokens in that file and commits each batch there, rows and token. */
        @Bean
        ConfigurerModule accessLogTokensInItsFile(AccessLogFile file, @Qualifier("serializer") Serializer serializer,
                NodeIdentity node, ClusterProperties cluster) {
            return configurer -> configurer.eventProcessing()
                    .registerTransactionManager(AccessLogProjection.NAME,
                            config -> new SpringTransactionManager(file.transactions()))
                    .registerTokenStore(AccessLogProjection.NAME, config -> JdbcTokenStore.builder()
                            .connectionProvider(new SpringDataSourceConnectionProvider(file.dataSource()))
                            .schema(TokenStoreConfiguration.TOKEN_TABLE)
                            .serializer(serializer)
                            .nodeId(node.id())
                            .claimTimeout(cluster.claimTimeout())
                            .build());
        }
    }
}
