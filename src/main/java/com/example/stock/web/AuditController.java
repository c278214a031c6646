package com.example.stock.web;

import java.util.List;

import com.example.stock.audit.FeedPage;
import com.example.stock.audit.HistoryPage;
import com.example.stock.audit.OrderEvent;
import com.example.stock.audit.OrderHistory;
import com.example.stock.audit.ProductHistory;
import com.example.stock.audit.ReadEventFeed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What auditors read: histories and the global event feed. */
@RestController
@Tag(name = ApiDocumentation.AUDIT)
class AuditController {

    private final QueryGateway queries;

    AuditController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/products/{sku}/history")
    @Operation(summary = "Every event of a product, oldest first, with its metadata",
               description = "Metadata: correlationId, causationId, command, user and hash (the event's link in "
                       + "the product's hash chain).")
    @AnswerExample(ApiExamples.PRODUCT_HISTORY)
    @Problem(status = 400, title = "Invalid request", detail = "size: must be greater than or equal to 1")
    @Problem(status = 404, title = "Not found", detail = "Unknown sku NOPE")
    HistoryPage productHistory(@Parameter(example = "SMALL-TABLE") @PathVariable String sku,
                               @RequestParam(defaultValue = "0") @Min(0) int page,
                               @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return queries.query(new ProductHistory(sku, page, size), ResponseTypes.optionalInstanceOf(HistoryPage.class))
                      .join()
                      .orElseThrow(() -> new NotFound("Unknown sku " + sku));
    }

    @GetMapping("/allocations/{orderid}/history")
    @Operation(summary = "An order's timeline across products: allocated, deallocated, reallocated, out_of_stock")
    @AnswerExample(ApiExamples.ORDER_HISTORY)
    @Problem(status = 404, title = "Not found", detail = "Order order-9 has no history")
    List<OrderEvent> orderHistory(@Parameter(example = "order-1") @PathVariable String orderid) {
        List<OrderEvent> timeline =
                queries.query(new OrderHistory(orderid), ResponseTypes.multipleInstancesOf(OrderEvent.class)).join();
        if (timeline.isEmpty()) {
            throw new NotFound("Order " + orderid + " has no history");
        }
        return timeline;
    }

    /** The global stream from a position on; a consumer passes the answer's {@code next} as {@code after}. */
    @GetMapping("/events")
    @Operation(summary = "The global event stream after a position",
               description = "Pass the answer's next as after to resume. Nothing is skipped: an event that "
                       + "follows a position still being written is held back for up to 10 seconds, so no reader "
                       + "moves past an event that appears later.")
    @AnswerExample(ApiExamples.EVENT_FEED)
    @Problem(status = 400, title = "Invalid request", detail = "limit: must be greater than or equal to 1")
    FeedPage events(@Parameter(description = "The position to read after; from the start when absent", example = "0")
                    @RequestParam(required = false) @Min(0) Long after,
                    @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return queries.query(new ReadEventFeed(after, limit), FeedPage.class).join();
    }
}
