package com.example.stock.allocation;

import com.example.stock.allocation.Rejection.Reason;
import org.axonframework.commandhandling.CommandExecutionException;

/**
 * Thrown on the command side when a command breaks a rule; nothing of the command is applied. Its
 * {@link Rejection} travels as the exception's details, so callers read why without knowing this class,
 * also when the handler ran on another node.
 */
final class CommandRejected extends CommandExecutionException {

    CommandRejected(Reason reason, String message) {
        super(message, null, new Rejection(reason, message));
    }
}
