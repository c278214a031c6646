package com.example.stock.reallocation;

import com.example.stock.allocation.Allocate;
import com.example.stock.allocation.Deallocated;
import com.example.stock.shared.ProcessingGroups;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Sends the Allocate for each deallocated line and waits for it, so that the new allocation commits in the same
 * transaction as this processor's progress: each line is reallocated once, and never lost. A replay must not
 * send the commands again.
 */
@Component
@ProcessingGroup(ReallocationPolicy.PROCESSING_GROUP)
@DisallowReplay
class ReallocationPolicy {

    static final String PROCESSING_GROUP = "reallocation" + ProcessingGroups.POLICY;

    private final CommandGateway commandGateway;

    ReallocationPolicy(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @EventHandler
    void on(Deallocated event) {
        commandGateway.sendAndWait(new Allocate(event.orderId(), event.sku(), event.qty()));
    }
}
