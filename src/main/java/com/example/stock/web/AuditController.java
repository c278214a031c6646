package com.example.stock.web;

import java.util.List;

import com.example.stock.audit.FeedPage;
import com.example.stock.audit.HistoryPage;
import com.example.stock.audit.OrderEvent;
import com.example.stock.audit.OrderHistory;
import com.example.stock.audit.ProductHistory;
import com.example.stock.audit.ReadEventFeed;
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
class AuditController {

    private final QueryGateway queries;

    AuditController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/products/{sku}/history")
    HistoryPage productHistory(@PathVariable String sku,
                               @RequestParam(defaultValue = "0") @Min(0) int page,
                               @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return queries.query(new ProductHistory(sku, page, size), ResponseTypes.optionalInstanceOf(HistoryPage.class))
                      .join()
                      .orElseThrow(() -> new NotFound("Unknown sku " + sku));
    }

    @GetMapping("/allocations/{orderid}/history")
    List<OrderEvent> orderHistory(@PathVariable String orderid) {
        List<OrderEvent> timeline =
                queries.query(new OrderHistory(orderid), ResponseTypes.multipleInstancesOf(OrderEvent.class)).join();
        if (timeline.isEmpty()) {
            throw new NotFound("Order " + orderid + " has no history");
        }
        return timeline;
    }

    /** The global stream from a position on; a consumer passes the answer's {@code next} as {@code after}. */
    @GetMapping("/events")
    FeedPage events(@RequestParam(required = false) @Min(0) Long after,
                    @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return queries.query(new ReadEventFeed(after, limit), FeedPage.class).join();
    }
}
