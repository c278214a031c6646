package com.example.stock.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.example.stock.audit.OperationRejected.Reason;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Lists the events parked in the processors' dead-letter queues, and hands them to their processor again. */
@Component
class DeadLetters {

    private final EventProcessingConfiguration processing;

    DeadLetters(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @QueryHandler
    List<ParkedEvent> handle(ListDeadLetters query) {
        List<ParkedEvent> parked = new ArrayList<>();
        processing.eventProcessors().keySet().stream().sorted().forEach(
                group -> processing.deadLetterQueue(group).ifPresent(queue -> queue.deadLetters().forEach(
                        sequence -> sequence.forEach(letter -> parked.add(parked(group, letter))))));
        parked.sort(Comparator.comparing(ParkedEvent::processingGroup).thenComparing(ParkedEvent::enqueuedAt));
        return parked;
    }

    @CommandHandler
    RetryOutcome handle(RetryDeadLetters command) {
        String group = command.processingGroup();
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(group).orElseThrow(() -> {
            String message = "No dead-letter queue for " + group;
            return new CommandExecutionException(message, null, new OperationRejected(Reason.UNKNOWN, message));
        });
        SequencedDeadLetterProcessor<EventMessage<?>> processor =
                processing.sequencedDeadLetterProcessor(group).orElseThrow();
        long sequences = queue.amountOfSequences();
        int handled = 0;
        for (long attempt = 0; attempt < sequences; attempt++) {
            if (processor.processAny()) {
                handled++;
            }
        }
        return new RetryOutcome(group, handled, queue.amountOfSequences());
    }

    private static ParkedEvent parked(String group, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        DomainEventMessage<?> domainEvent = event instanceof DomainEventMessage<?> d ? d : null;
        return new ParkedEvent(group, event.getIdentifier(), event.getPayloadType().getSimpleName(),
                               domainEvent == null ? null : domainEvent.getAggregateIdentifier(),
                               domainEvent == null ? null : domainEvent.getSequenceNumber(), event.getTimestamp(),
                               letter.enqueuedAt(), letter.lastTouched(),
                               letter.cause().map(cause -> cause.type() + ": " + cause.message()).orElse(null));
    }
}
