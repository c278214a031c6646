package com.example.stock.allocation;

/**
 * Asks for every order line the products hold, as the order lines they decide on give them: a list of
 * {@link HeldOrderLine} (for audits, which compare it with the events).
 */
public record FindHeldOrderLines() {
}
