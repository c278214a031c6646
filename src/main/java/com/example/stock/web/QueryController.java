package com.example.stock.web;

import java.time.Instant;
import java.util.List;

import com.example.stock.audit.ProductAsOf;

import com.example.stock.allocations.FindAllocations;
import com.example.stock.allocations.OrderAllocation;
import com.example.stock.products.FindProduct;
import com.example.stock.products.ProductView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
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

    /** The product now, or as it stood at {@code asOf}, rebuilt from its events up to then. */
    @GetMapping("/products/{sku}")
    ProductView product(@PathVariable String sku, @RequestParam(required = false) Instant asOf) {
        Object query = asOf == null ? new FindProduct(sku) : new ProductAsOf(sku, asOf);
        return queries.query(query, ResponseTypes.optionalInstanceOf(ProductView.class))
                      .join()
                      .orElseThrow(() -> new NotFound(asOf == null
                              ? "Unknown sku " + sku
                              : "Product " + sku + " did not exist at " + asOf));
    }
}
