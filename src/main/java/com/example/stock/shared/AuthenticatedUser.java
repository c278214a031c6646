package com.example.stock.shared;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Names the signed-in user on each command sent from a request, so the events it causes record who it was.
 * Commands sent while handling an event (the reallocation policy) keep the user they inherited.
 */
@Component
class AuthenticatedUser implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return (index, message) -> message;
        }
        return (index, message) -> message.andMetaData(Map.of(AuditTrail.USER, authentication.getName()));
    }
}
