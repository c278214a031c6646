/**
 * The command side: the event-sourced {@code Product} aggregate (one per SKU) that decides every
 * allocation of its batches. Its public API is the commands it accepts, the events it emits and the
 * outcome and rejection records; everything else in this package is internal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Allocation")
package com.example.stock.allocation;
