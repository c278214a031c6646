package com.example.stock.shared;

/**
 * A query answered from a read model. It is answered once every read model has handled what the event store held
 * when it was asked (see {@link ReadYourWrites}), so it shows every command answered before it.
 */
public interface ReadModelQuery {
}
