package com.example.stock.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * Reads a stored revision-1 {@link Deallocated} (no revision, no reason) as revision 2. In revision 1 a
 * deallocation only ever followed a reduced batch quantity, so that is the reason it is given.
 */
@Component
class DeallocatedUpcaster extends SingleEventUpcaster {

    static final String REVISION_1_REASON = "batch quantity reduced";
    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(Deallocated.class.getName(), null);
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(Deallocated.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(REVISION_2, JsonNode.class,
                                   payload -> ((ObjectNode) payload).put("reason", REVISION_1_REASON));
    }
}
