package com.example.stock.shared;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Locks the data directory before the data source opens the H2 file database in it, and unlocks it after the data
 * source is closed. Only for an H2 file database: a database server guards its own files.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DataDirectoryLockConfiguration.OnH2FileDatabase.class)
class DataDirectoryLockConfiguration {

    static final String LOCK_BEAN = "dataDirectoryLock";

    @Bean(LOCK_BEAN)
    DataDirectoryLock dataDirectoryLock(@Value("${stock.data-dir}") Path dataDirectory) {
        return new DataDirectoryLock(dataDirectory);
    }

    @Bean
    static DataSourceAfterLock dataSourceAfterLock() {
        return new DataSourceAfterLock();
    }

    /** Every data source depends on the lock: created after it, destroyed before it. */
    static final class DataSourceAfterLock extends AbstractDependsOnBeanFactoryPostProcessor {

        DataSourceAfterLock() {
            super(DataSource.class, LOCK_BEAN);
        }
    }

    static final class OnH2FileDatabase implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url", "");
            return url.startsWith("jdbc:h2:file:");
        }
    }
}
