package com.example.stock.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryOnConflictTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
    private final DefaultCommandGateway gateway = DefaultCommandGateway.builder()
                                                                       .commandBus(commandBus)
                                                                       .retryScheduler(new RetryOnConflict(executor, 3, 1))
                                                                       .build();
    private final AtomicInteger attempts = new AtomicInteger();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void a_command_that_lost_a_race_for_its_product_is_sent_again_and_succeeds() {
        commandBus.subscribe(String.class.getName(), command -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ConcurrencyException("another node appended the product's next event first");
            }
            return "done";
        });

        String result = gateway.sendAndWait("allocate");

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void a_rejected_command_is_not_sent_again() {
        commandBus.subscribe(String.class.getName(), command -> {
            attempts.incrementAndGet();
            throw new CommandExecutionException("rejected", null, "details");
        });

        assertThatThrownBy(() -> gateway.sendAndWait("allocate")).isInstanceOf(CommandExecutionException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void a_conflict_that_persists_is_given_up_after_the_retries() {
        commandBus.subscribe(String.class.getName(), command -> {
            attempts.incrementAndGet();
            throw new ConcurrencyException("always behind");
        });

        assertThatThrownBy(() -> gateway.sendAndWait("allocate")).isInstanceOf(ConcurrencyException.class);
        assertThat(attempts).hasValue(4);
    }

}
