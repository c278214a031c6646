package com.example.stock.audit;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import com.example.stock.shared.AuditTrail;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Adds to each event, as it is stored, the hash that links it to the previous event of its product. Events are
 * intercepted in the order they will be stored; the product's lock is held from the command until after its
 * commit, so the previous event of a product is settled when its next one is chained.
 */
@Component
class HashChaining implements MessageDispatchInterceptor<EventMessage<?>>, SmartInitializingSingleton {

    private static final int REMEMBERED_PRODUCTS = 10_000;

    private final EventStore eventStore;
    private final Serializer eventSerializer;
    /** The last committed hash of recently changed products, so chaining rarely needs to read the store. */
    private final Map<String, Tip> tips = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tip> eldest) {
            return size() > REMEMBERED_PRODUCTS;
        }
    });

    HashChaining(EventStore eventStore, @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.eventStore = eventStore;
        this.eventSerializer = eventSerializer;
    }

    @Override
    public void afterSingletonsInstantiated() {
        eventStore.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        Map<String, String> chainedInThisBatch = new HashMap<>();
        return (index, message) -> {
            if (!(message instanceof DomainEventMessage<?> event)) {
                return message;
            }
            String product = event.getAggregateIdentifier();
            String previous = chainedInThisBatch.containsKey(product)
                    ? chainedInThisBatch.get(product)
                    : hashBefore(product, event.getSequenceNumber());
            String hash = linkOf(event).hash(previous);
            chainedInThisBatch.put(product, hash);
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(u -> tips.put(product, new Tip(event.getSequenceNumber(), hash)));
            }
            return event.andMetaData(Map.of(AuditTrail.HASH, hash));
        };
    }

    private ChainLink linkOf(DomainEventMessage<?> event) {
        SerializedObject<byte[]> payload = event.serializePayload(eventSerializer, byte[].class);
        return new ChainLink(event.getIdentifier(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                             payload.getType().getName(), payload.getType().getRevision(),
                             DateTimeUtils.formatInstant(event.getTimestamp()), event.getMetaData(),
                             payload.getData());
    }

    private String hashBefore(String product, long sequenceNumber) {
        if (sequenceNumber == 0) {
            return ChainLink.GENESIS;
        }
        Tip tip = tips.get(product);
        if (tip != null && tip.sequenceNumber() == sequenceNumber - 1) {
            return tip.hash();
        }
        DomainEventStream previous = eventStore.readEvents(product, sequenceNumber - 1);
        return previous.hasNext()
                ? String.valueOf(previous.next().getMetaData().getOrDefault(AuditTrail.HASH, ChainLink.GENESIS))
                : ChainLink.GENESIS;
    }

    private record Tip(long sequenceNumber, String hash) {
    }
}
