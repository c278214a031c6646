package com.example.stock.allocation;

import com.example.stock.allocation.Rejection.Reason;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/** An allocation for a SKU that has no product is a rejection in the domain's words ("Invalid sku X"). */
@Component
class UnknownSkuTranslation implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException e) {
            if (unitOfWork.getMessage().getPayload() instanceof Allocate allocate) {
                throw new CommandRejected(Reason.UNKNOWN_SKU, "Invalid sku " + allocate.sku());
            }
            throw e;
        }
    }
}
