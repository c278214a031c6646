package com.example.stock.web;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import com.example.stock.shared.AuditTrail;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Puts the correlation id of the request being handled ({@link RequestCorrelation}) on each command it sends, so
 * the events the command causes, and everything that follows from them, carry the id the caller was given.
 * A command that already belongs to a chain (sent while handling another message) keeps that chain's id.
 */
@Component
class CorrelatedCommands implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        String correlationId = MDC.get(AuditTrail.CORRELATION_ID);
        return (index, message) -> correlationId == null || message.getMetaData().containsKey(AuditTrail.CORRELATION_ID)
                ? message
                : message.andMetaData(Map.of(AuditTrail.CORRELATION_ID, correlationId));
    }
}
