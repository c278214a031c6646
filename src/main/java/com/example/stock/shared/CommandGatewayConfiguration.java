package com.example.stock.shared;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command gateway, retrying commands that lost a race for their product (see {@link RetryOnConflict}). Its
 * retry thread is its own, not a bean, so it never becomes the scheduler of anything else.
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
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                                    .commandBus(commandBus)
                                    .retryScheduler(new RetryOnConflict(retries, MAX_RETRIES, FIRST_RETRY_AFTER_MILLIS))
                                    .build();
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
    }
}
