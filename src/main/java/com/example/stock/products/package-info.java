/**
 * The product view: each SKU's batches with purchased, allocated and available quantity, in the order the
 * allocation rule prefers them. Kept by a tracking processor, served by a query handler.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Product view")
package com.example.stock.products;
