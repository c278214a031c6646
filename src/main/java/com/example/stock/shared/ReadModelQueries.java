package com.example.stock.shared;

import java.util.List;
import java.util.function.BiFunction;

import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryMessage;
import org.springframework.stereotype.Component;

/**
 * Holds a {@link ReadModelQuery} back, when it is sent, until the read models have caught up with the store. On the
 * sending side, so the wait covers the read models wherever the query is then handled.
 */
@Component
class ReadModelQueries implements MessageDispatchInterceptor<QueryMessage<?, ?>> {

    private final ReadYourWrites readYourWrites;

    ReadModelQueries(QueryBus queryBus, ReadYourWrites readYourWrites) {
        this.readYourWrites = readYourWrites;
        queryBus.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, QueryMessage<?, ?>, QueryMessage<?, ?>> handle(List<? extends QueryMessage<?, ?>> queries) {
        return (index, query) -> {
            if (query.getPayload() instanceof ReadModelQuery) {
                readYourWrites.awaitReadModels();
            }
            return query;
        };
    }
}
