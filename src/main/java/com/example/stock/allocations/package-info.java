/**
 * The allocations view: which batch holds each order line, by order id. Kept by a tracking processor, served
 * by a query handler; its API is the query and the result record.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Allocations view")
package com.example.stock.allocations;
