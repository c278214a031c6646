package com.example.stock.shared;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command gateway, retrying commands that lost a race for their product (see {@link RetryOnConflict}). Its
 * retry thread is its own, not a bean, so it never becomes the scheduler of anything else. A command sent and
 * waited for is stored once it is done, after its product's lock is released ({@link DurableCommits}).
 */
@Configuration(proxyBeanMethods = false)
class CommandGatewayConfiguration implements DisposableBean {

    private static final int MAX_RETRIES = 5;
    private static final long FIRST_RETRY_AFTER_MILLIS = 5;

    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "command-retry");
        thread.setDaemon(true);
        return thread;
    });

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, DataSource dataSource) {
        return new StoredOnceDone(DefaultCommandGateway.builder()
                                                       .commandBus(commandBus)
                                                       .retryScheduler(new RetryOnConflict(
                                                               retries, MAX_RETRIES, FIRST_RETRY_AFTER_MILLIS)),
                                  dataSource);
    }

    private static final class StoredOnceDone extends DefaultCommandGateway {

        private final DataSource dataSource;

        StoredOnceDone(Builder builder, DataSource dataSource) {
            super(builder);
            this.dataSource = dataSource;
        }

        @Override
        public <R> R sendAndWait(Object command) {
            return DurableCommits.storedTogether(dataSource, () -> super.sendAndWait(command));
        }

        @Override
        public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
            return DurableCommits.storedTogether(dataSource, () -> super.sendAndWait(command, timeout, unit));
        }
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
    }
}
