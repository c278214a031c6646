package com.example.stock.shared;

import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Writes the correlation id of the message being handled on the log lines of its handler (MDC key
 * {@value AuditTrail#CORRELATION_ID}), so the lines a request causes in event processors, possibly much later or on
 * another instance, are found under the id its caller was given. Axon registers it with every command bus, query
 * bus and event processor.
 */
@Component
class CorrelatedLogging implements MessageHandlerInterceptor<Message<?>> {

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object correlationId = unitOfWork.getMessage().getMetaData().get(AuditTrail.CORRELATION_ID);
        if (correlationId == null) {
            return chain.proceed();
        }
        String outer = MDC.get(AuditTrail.CORRELATION_ID);
        MDC.put(AuditTrail.CORRELATION_ID, correlationId.toString());
        try {
            return chain.proceed();
        } finally {
            if (outer == null) {
                MDC.remove(AuditTrail.CORRELATION_ID);
            } else {
                MDC.put(AuditTrail.CORRELATION_ID, outer);
            }
        }
    }
}
