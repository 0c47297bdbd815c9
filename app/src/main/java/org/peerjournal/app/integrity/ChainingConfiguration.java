package org.peerjournal.app.integrity;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Every event storage engine the application gets (Axon's JPA engine today, whichever engine tomorrow) is
 * wrapped so that each append also writes its hash chain entries.
 */
@Configuration(proxyBeanMethods = false)
class ChainingConfiguration {

    @Bean
    static BeanPostProcessor chainEveryAppend(ObjectProvider<DataSource> dataSource,
            ObjectProvider<TransactionManager> transactionManager) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof EventStorageEngine engine && !(bean instanceof ChainingEventStorageEngine)) {
                    return new ChainingEventStorageEngine(engine, dataSource.getObject(),
                            transactionManager.getObject());
                }
                return bean;
            }
        };
    }
}
