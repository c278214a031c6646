package com.example.stock.web;

import java.util.List;

import com.example.stock.allocations.FindAllocations;
import com.example.stock.allocations.OrderAllocation;
import com.example.stock.products.FindProduct;
import com.example.stock.products.ProductView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class QueryController {

    private final QueryGateway queries;

    QueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/allocations/{orderid}")
    List<OrderAllocation> allocations(@PathVariable String orderid) {
        List<OrderAllocation> allocations =
                queries.query(new FindAllocations(orderid), ResponseTypes.multipleInstancesOf(OrderAllocation.class))
                       .join();
        if (allocations.isEmpty()) {
            throw new NotFound("Order " + orderid + " has no allocation");
        }
        return allocations;
    }

    @GetMapping("/products/{sku}")
    ProductView product(@PathVariable String sku) {
        return queries.query(new FindProduct(sku), ResponseTypes.optionalInstanceOf(ProductView.class))
                      .join()
                      .orElseThrow(() -> new NotFound("Unknown sku " + sku));
    }
}
