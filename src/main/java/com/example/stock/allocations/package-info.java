/**
 * The allocations view: every step of each order line (allocated, deallocated, out of stock), from which it tells
 * which batch holds each line of an order now and the order's timeline across products. Kept by a tracking
 * processor, served by query handlers; its API is the queries and the result records.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Allocations view")
package com.example.stock.allocations;
