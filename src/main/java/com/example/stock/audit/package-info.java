/**
 * What auditors ask of the event store: each product's full history, each order's timeline, a product as it
 * stood at any instant, the global event feed, online rebuilds of read models, and audit runs that replay
 * everything into a model of their own and check it. Every stored event is chained by hash to the one before
 * it in its product, so an audit can tell when a stored event was changed after the fact.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package com.example.stock.audit;
