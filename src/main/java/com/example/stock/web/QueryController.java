package com.example.stock.web;

import java.time.Instant;
import java.util.List;

import com.example.stock.allocations.FindAllocations;
import com.example.stock.allocations.OrderAllocation;
import com.example.stock.audit.ProductAsOf;
import com.example.stock.products.FindProduct;
import com.example.stock.products.ProductView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = ApiDocumentation.READS)
class QueryController {

    private final QueryGateway queries;

    QueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/allocations/{orderid}")
    @Operation(summary = "The batch each line of an order is allocated to")
    @AnswerExample(ApiExamples.ALLOCATIONS)
    @Problem(status = 404, title = "Not found", detail = "Order order-9 has no allocation")
    List<OrderAllocation> allocations(@Parameter(example = "order-1") @PathVariable String orderid) {
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
    @Operation(summary = "A product's batches with purchased, allocated and available quantities",
               description = "With asOf (role AUDITOR), the product as it stood at that instant, rebuilt from its "
                       + "events up to then.")
    @AnswerExample(ApiExamples.PRODUCT)
    @Problem(status = 400, title = "Invalid request",
             detail = "'asOf' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, was 'yesterday'")
    @Problem(status = 404, title = "Not found", detail = "Unknown sku NOPE")
    ProductView product(@Parameter(example = "SMALL-TABLE") @PathVariable String sku,
                        @Parameter(description = "An instant; auditors only", example = "2026-11-23T10:00:00Z")
                        @RequestParam(required = false) Instant asOf) {
        Object query = asOf == null ? new FindProduct(sku) : new ProductAsOf(sku, asOf);
        return queries.query(query, ResponseTypes.optionalInstanceOf(ProductView.class))
                      .join()
                      .orElseThrow(() -> new NotFound(asOf == null
                              ? "Unknown sku " + sku
                              : "Product " + sku + " did not exist at " + asOf));
    }
}
