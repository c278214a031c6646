package com.example.stock.shared;

import java.util.HashMap;
import java.util.Map;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the {@link AuditTrail} metadata on every message sent while another is handled. */
@Configuration(proxyBeanMethods = false)
class AuditTrailConfiguration {

    /**
     * Axon's origin provider under clearer names: what it calls the correlation id is the direct cause, and its
     * trace id is what is commonly called the correlation id.
     */
    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider(AuditTrail.CAUSATION_ID, AuditTrail.CORRELATION_ID);
    }

    /** The user travels along the chain; the command is named on the events it produced. */
    @Bean
    CorrelationDataProvider commandAndUser() {
        return message -> {
            Map<String, Object> data = new HashMap<>();
            data.put(AuditTrail.USER, message.getMetaData().getOrDefault(AuditTrail.USER, AuditTrail.ANONYMOUS));
            if (message instanceof CommandMessage<?>) {
                data.put(AuditTrail.COMMAND, message.getPayloadType().getSimpleName());
            }
            return data;
        };
    }
}
