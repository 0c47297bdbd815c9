package org.peerjournal.app.integrity;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Every event storage engine the application gets (Axon's JDBC engine today, whichever engine tomorrow) is
 * wrapped so that each append also writes its hash chain entries; an engine that cannot report the rows it stores
 * stops the application from starting.
 */
@Configuration(proxyBeanMethods = false)
class ChainingConfiguration {

    @Bean
    static BeanPostProcessor chainEveryAppend(ObjectProvider<DataSource> dataSource,
            ObjectProvider<TransactionManager> transactionManager) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof EventStorageEngine) || bean instanceof ChainingEventStorageEngine) {
                    return bean;
                }
                if (!(bean instanceof ReportsStoredEvents)) {
                    // Never an engine that would store events without their chain.
                    throw new IllegalStateException("Event storage engine " + beanName + " cannot be chained: it"
                            + " does not report the rows it stores (" + ReportsStoredEvents.class.getName() + ")");
                }
                return chained((EventStorageEngine & ReportsStoredEvents) bean, dataSource.getObject(),
                        transactionManager.getObject());
            }
        };
    }

    private static <E extends EventStorageEngine & ReportsStoredEvents> ChainingEventStorageEngine chained(E engine,
            DataSource dataSource, TransactionManager transactionManager) {
        return new ChainingEventStorageEngine(engine, dataSource, transactionManager);
    }
}
